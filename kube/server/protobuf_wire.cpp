// The protobuf wire format reader and writer.
#include "kube/server/protobuf_wire.h"

#include "core/error.h"

namespace ho::kube::protobuf {

bool WireReader::next(WireField& field) {
  if (atEnd()) return false;
  const uint64_t key = readVarint();
  field = WireField{static_cast<uint32_t>(key >> 3), static_cast<uint32_t>(key & 7), 0, {}};
  switch (field.wireType) {
    case kVarint:
      field.number64 = readVarint();
      break;
    case kFixed64:
      field.number64 = readFixed(8);
      break;
    case kLengthDelimited: {
      const uint64_t length = readVarint();
      if (length > data_.size() - position_) throw Failure("protobuf: truncated field");
      field.bytes = data_.substr(position_, length);
      position_ += length;
      break;
    }
    case kFixed32:
      field.number64 = readFixed(4);
      break;
    default:
      throw Failure("protobuf: unsupported wire type " + std::to_string(field.wireType));
  }
  return true;
}

uint64_t WireReader::readVarint() {
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (atEnd()) throw Failure("protobuf: truncated varint");
    const auto byte = static_cast<uint8_t>(data_[position_++]);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  throw Failure("protobuf: varint too long");
}

uint64_t WireReader::readFixed(size_t width) {
  if (width > data_.size() - position_) throw Failure("protobuf: truncated field");
  uint64_t value = 0;
  for (size_t i = 0; i < width; ++i) {
    value |= static_cast<uint64_t>(static_cast<uint8_t>(data_[position_ + i])) << (8 * i);
  }
  position_ += width;
  return value;
}

void WireWriter::varint(uint64_t value) {
  while (value >= 0x80) {
    out_ += static_cast<char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  out_ += static_cast<char>(value);
}

void WireWriter::varintField(uint32_t number, uint64_t value) {
  varint(static_cast<uint64_t>(number) << 3 | kVarint);
  varint(value);
}

void WireWriter::fixed64Field(uint32_t number, uint64_t value) {
  varint(static_cast<uint64_t>(number) << 3 | kFixed64);
  for (int i = 0; i < 8; ++i) out_ += static_cast<char>((value >> (8 * i)) & 0xff);
}

void WireWriter::bytesField(uint32_t number, std::string_view bytes) {
  varint(static_cast<uint64_t>(number) << 3 | kLengthDelimited);
  varint(bytes.size());
  out_ += bytes;
}

}  // namespace ho::kube::protobuf
