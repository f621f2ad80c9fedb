# helm-operator image: build on Debian with the project's own scripts, run on
# Debian slim as a non-root user. See docs/deploy.md.
#   docker build -t helm-operator:0.1.0 .

# --- build: the packages scripts/setup.sh lists, then scripts/build.sh (Release)
FROM debian:bookworm AS build
WORKDIR /src
COPY scripts/setup.sh scripts/setup.sh
RUN bash scripts/setup.sh --no-reference && rm -rf /var/lib/apt/lists/*
COPY . .
RUN bash scripts/build.sh -DHO_BUILD_TESTS=OFF \
    && strip build/helm-operator

# --- runtime: libcurl (loaded on the first HTTP request), CA certificates for
# HTTPS chart repositories, the CRD the controller creates when it is missing.
# The default build links libstdc++, OpenSSL, RE2, zlib, libdeflate and libarchive
# statically (HO_STATIC_DEPS); their shared libraries are installed too so an
# image built with -DHO_STATIC_DEPS=OFF runs as well.
FROM debian:bookworm-slim
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
       ca-certificates libarchive13 libcurl4 libdeflate0 libre2-9 libssl3 zlib1g \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 65532 helm-operator \
    && useradd --system --uid 65532 --gid 65532 --home-dir /nonexistent --shell /usr/sbin/nologin helm-operator \
    && mkdir -p /var/cache/helm-operator && chown 65532:65532 /var/cache/helm-operator
COPY --from=build /src/build/helm-operator /usr/local/bin/helm-operator
COPY crds/helm.fluxcd.io_helmreleases.yaml /usr/share/helm-operator/crds/helm.fluxcd.io_helmreleases.yaml
USER 65532:65532
EXPOSE 3030
ENTRYPOINT ["/usr/local/bin/helm-operator"]
CMD ["run", "--listen=:3030", "--chart-cache=/var/cache/helm-operator", \
     "--crd=/usr/share/helm-operator/crds/helm.fluxcd.io_helmreleases.yaml"]
