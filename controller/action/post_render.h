// Post-rendering a release with a HelmRelease's spec.postRenderers and
// spec.commonMetadata, where Helm runs a post-renderer: on the non-hook
// manifests only (hooks are left as rendered, as helm's renderResources
// does), before install and upgrade, with the result stored as the release
// manifest. Each kustomize post-renderer applies its patches
// (patchesStrategicMerge, patches, patchesJson6902) then its image overrides;
// commonMetadata comes last. Documents nothing changed keep their text;
// changed ones are written again as YAML (keys sorted, like Helm's toYaml).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chart/manifests.h"
#include "chart/release_render.h"
#include "controller/helmrelease/post_renderer_spec.h"
#include "core/error.h"

namespace ho::controller {

// Rewrites `manifests` (a strategic merge patch with `$patch: delete` drops
// its object). Errors read like helm's ("error while running post render on
// files: ...") and name the patch's field and the failing object.
Result<void> postRenderManifests(const PostRenderSpec& spec, std::vector<chart::Manifest>& manifests,
                                 const std::string& releaseNamespace);

// The release manifest ("---\n# Source: PATH\n..." per document) of
// post-rendered manifests; the first document records `digest` in a comment.
std::string postRenderedManifestText(const std::vector<chart::Manifest>& manifests, const std::string& digest);

// Both steps on a rendered release; nothing happens for an empty spec.
Result<void> postRenderRelease(const PostRenderSpec& spec, chart::RenderedRelease& rendered,
                               const std::string& releaseNamespace);

// The digest a release manifest was post-rendered with; "" when it was not.
std::string postRenderDigestOf(std::string_view manifest);

}  // namespace ho::controller
