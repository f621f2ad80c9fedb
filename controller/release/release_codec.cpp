// The storage encoding of a release: base64(gzip(JSON)), as helm's
// storage/driver/util.go writes and reads it.
#include <zlib.h>

#include "controller/release/release.h"
#include "kube/client/base64_codec.h"

namespace ho::controller {

namespace {

Result<std::string> gzipBytes(std::string_view data) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Error{"gzip: cannot initialise"};
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) return Error{"gzip: compression failed"};
  return out;
}

Result<std::string> gunzipBytes(std::string_view data) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) return Error{"gzip: cannot initialise"};
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char chunk[65536];
  int result = Z_OK;
  while (result == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof chunk;
    result = inflate(&stream, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - stream.avail_out);
  }
  inflateEnd(&stream);
  if (result != Z_STREAM_END) return Error{"gzip: invalid compressed release data"};
  return out;
}

}  // namespace

Result<std::string> encodeRelease(const Release& release) {
  auto compressed = gzipBytes(encodeReleaseJson(release));
  if (!compressed) return compressed.error();
  return kube::client::base64Encode(*compressed);
}

Result<Release> decodeRelease(std::string_view base64Text) {
  auto bytes = kube::client::base64Decode(base64Text);
  if (!bytes) return Error{"illegal base64 data in release record"};
  const bool gzipped = bytes->size() >= 3 && static_cast<unsigned char>((*bytes)[0]) == 0x1f &&
                       static_cast<unsigned char>((*bytes)[1]) == 0x8b && (*bytes)[2] == 8;
  if (!gzipped) return decodeReleaseJson(*bytes);
  auto json = gunzipBytes(*bytes);
  if (!json) return json.error();
  return decodeReleaseJson(*json);
}

}  // namespace ho::controller
