// failWith, stdoutSink and finishOutput: the last step of the printing subcommands.
#include "cli/command_output.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <string>

namespace ho::cli {
namespace {

// The pieces a command prints (a rendered chart is thousands of them),
// gathered into chunks of a pipe's capacity and written to file descriptor 1
// (after whatever stdio holds): one system call per chunk where stdio's
// 4 KiB buffer made sixteen, and the reader at the pipe's other end wakes a
// sixteenth as often (corpus CPU through pipes -2%). What is still gathered at
// exit is written then.
class ChunkedStdout {
 public:
  static constexpr std::size_t kChunk = std::size_t{64} << 10;

  ChunkedStdout() { chunk_.reserve(kChunk); }
  ChunkedStdout(const ChunkedStdout&) = delete;
  ChunkedStdout& operator=(const ChunkedStdout&) = delete;
  ~ChunkedStdout() { flush(); }

  void operator()(std::string_view piece) {
    if (chunk_.size() + piece.size() > kChunk) flush();
    if (piece.size() >= kChunk) {
      writeAll(piece);
    } else {
      chunk_ += piece;
    }
  }

  // Writes the gathered text; false once any write to stdout has failed.
  bool flush() {
    writeAll(chunk_);
    chunk_.clear();
    return ok_;
  }

 private:
  void writeAll(std::string_view text) {
    if (text.empty() || !ok_) return;
    if (std::fflush(stdout) != 0) ok_ = false;
    while (ok_ && !text.empty()) {
      const ssize_t n = ::write(STDOUT_FILENO, text.data(), text.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ok_ = false;
      } else {
        text.remove_prefix(static_cast<std::size_t>(n));
      }
    }
  }

  std::string chunk_;
  bool ok_ = true;
};

ChunkedStdout& chunkedStdout() {
  static ChunkedStdout out;
  return out;
}

}  // namespace

int failWith(const Error& error) {
  std::cerr << "Error: " << error.message << "\n";
  return 1;
}

const chart::TextSink& stdoutSink() {
  static const chart::TextSink sink = [](std::string_view piece) { chunkedStdout()(piece); };
  return sink;
}

int finishOutput(const Result<void>& written) {
  const bool flushed = chunkedStdout().flush();
  if (!written) return failWith(written.error());
  return flushed && std::fflush(stdout) == 0 && !std::ferror(stdout) ? 0 : 1;
}

}  // namespace ho::cli
