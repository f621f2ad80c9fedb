// The protobuf wire format: reading the fields of one message and writing
// fields into a buffer (varints, 64-bit values and length-delimited bytes).
// Malformed input throws ho::Failure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ho::kube::protobuf {

enum WireType : uint32_t { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5 };

struct WireField {
  uint32_t number = 0;
  uint32_t wireType = 0;
  uint64_t number64 = 0;   // varint, fixed64 and fixed32 payloads
  std::string_view bytes;  // length-delimited payload
};

// Iterates the fields of one message.
class WireReader {
 public:
  explicit WireReader(std::string_view data) : data_(data) {}
  bool next(WireField& field);
  uint64_t readVarint();
  bool atEnd() const { return position_ >= data_.size(); }

 private:
  uint64_t readFixed(size_t width);

  std::string_view data_;
  size_t position_ = 0;
};

class WireWriter {
 public:
  void varintField(uint32_t number, uint64_t value);
  void fixed64Field(uint32_t number, uint64_t value);
  void bytesField(uint32_t number, std::string_view bytes);
  const std::string& bytes() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void varint(uint64_t value);

  std::string out_;
};

}  // namespace ho::kube::protobuf
