// libarchive's text for the last error on a reader. It sets none for some
// malformed gzip/tar headers, and a std::string built from that null pointer
// crashed the loader (found by fuzz target chart_archive); Go's tar reader
// calls such input an invalid tar header, so that is the text then.
#pragma once
#include <archive.h>

#include <string>

namespace ho::chart {

inline std::string archiveErrorText(struct archive* reader) {
  const char* text = archive_error_string(reader);
  return text ? text : "invalid tar header";
}

}  // namespace ho::chart
