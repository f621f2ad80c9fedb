// Direct reading of well-formed tar archives (see tar_reader.h). Headers are
// 512-byte blocks checked against their checksum; ustar joins prefix and name;
// GNU 'L' and pax 'x' entries name the entry that follows; the data of each
// entry is a view into the tar, padded to the next block.
#include "chart/tar_reader.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstdint>
#include <utility>

namespace ho::chart {
namespace {

constexpr std::size_t kBlock = 512;
// Go's archive/tar refuses long names and pax headers above 1 MiB.
constexpr std::size_t kMaxSpecialSize = 1 << 20;

std::string_view field(std::string_view header, std::size_t offset, std::size_t length) {
  std::string_view text = header.substr(offset, length);
  return text.substr(0, std::min(text.find('\0'), text.size()));
}

// An octal number field written the plain way: leading spaces, digits, then
// only spaces and NULs. Other spellings (base-256, NULs in front or between)
// are where Go, libarchive and tar writers disagree: nullopt, libarchive's turn.
std::optional<std::uint64_t> octal(std::string_view header, std::size_t offset, std::size_t length) {
  const std::string_view text = header.substr(offset, length);
  std::size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  std::uint64_t value = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '7'; ++i) {
    if (value > (UINT64_MAX >> 3)) return std::nullopt;
    value = value * 8 + static_cast<std::uint64_t>(text[i] - '0');
  }
  for (; i < text.size(); ++i) {
    if (text[i] != ' ' && text[i] != '\0') return std::nullopt;
  }
  return value;
}

// The numeric fields this reader does not use, as libarchive's format check
// accepts them (a NUL or base-256 marker first, or a plain octal number).
bool otherNumbersWellFormed(std::string_view header, bool ustar) {
  constexpr std::pair<std::size_t, std::size_t> kFields[] = {{108, 8}, {116, 8}, {136, 12}, {329, 8}, {337, 8}};
  for (auto [offset, length] : kFields) {
    if (offset >= 329 && !ustar) break;  // device numbers are ustar fields
    const auto marker = static_cast<unsigned char>(header[offset]);
    if (marker != 0 && marker != 0x80 && marker != 0xFF && !octal(header, offset, length)) return false;
  }
  return true;
}

// The sums of a block's bytes read as unsigned and as signed values: sixteen
// at a time with SSE2 (a signed byte is its unsigned value with the top bit
// flipped, less 128), the rest one by one.
std::pair<std::uint64_t, std::int64_t> byteSums(std::string_view bytes) {
  std::size_t i = 0;
  std::uint64_t unsignedSum = 0;
  std::int64_t signedSum = 0;
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128();
  const __m128i topBit = _mm_set1_epi8(static_cast<char>(0x80));
  __m128i unsignedLanes = zero, flippedLanes = zero;  // two 64-bit sums each
  for (; i + 16 <= bytes.size(); i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.data() + i));
    unsignedLanes = _mm_add_epi64(unsignedLanes, _mm_sad_epu8(chunk, zero));
    flippedLanes = _mm_add_epi64(flippedLanes, _mm_sad_epu8(_mm_xor_si128(chunk, topBit), zero));
  }
  const auto bothHalves = [](__m128i lanes) {
    return static_cast<std::uint64_t>(_mm_cvtsi128_si64(lanes)) +
           static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(lanes, lanes)));
  };
  unsignedSum = bothHalves(unsignedLanes);
  signedSum = static_cast<std::int64_t>(bothHalves(flippedLanes)) - 128 * static_cast<std::int64_t>(i);
#endif
  for (; i < bytes.size(); ++i) {
    unsignedSum += static_cast<unsigned char>(bytes[i]);
    signedSum += static_cast<signed char>(bytes[i]);
  }
  return {unsignedSum, signedSum};
}

// The header's checksum: the sum of its bytes with the checksum field itself
// counted as eight spaces, unsigned, or signed as some old writers had it.
bool checksumMatches(std::string_view header) {
  constexpr std::size_t kField = 148, kFieldLength = 8;
  auto recorded = octal(header, kField, kFieldLength);
  if (!recorded) return false;
  auto [unsignedSum, signedSum] = byteSums(header);
  const auto [fieldUnsigned, fieldSigned] = byteSums(header.substr(kField, kFieldLength));
  unsignedSum += kFieldLength * ' ' - fieldUnsigned;
  signedSum += static_cast<std::int64_t>(kFieldLength * ' ') - fieldSigned;
  return *recorded == unsignedSum || static_cast<std::int64_t>(*recorded) == signedSum;
}

bool isZeroBlock(std::string_view block) {
  return std::all_of(block.begin(), block.end(), [](char c) { return c == '\0'; });
}

// The path and size records of a pax extended header; nullopt for malformed
// records or ones this reader does not apply (sparse files).
struct PaxOverrides {
  std::optional<std::string> path;
  std::optional<std::uint64_t> size;
};

std::optional<PaxOverrides> parsePax(std::string_view records) {
  PaxOverrides overrides;
  while (!records.empty()) {
    const std::size_t space = records.find(' ');
    if (space == 0 || space == std::string_view::npos) return std::nullopt;
    std::size_t length = 0;
    for (char c : records.substr(0, space)) {
      if (c < '0' || c > '9' || length > kMaxSpecialSize) return std::nullopt;
      length = length * 10 + static_cast<std::size_t>(c - '0');
    }
    if (length <= space + 1 || length > records.size() || records[length - 1] != '\n') return std::nullopt;
    const std::string_view record = records.substr(space + 1, length - space - 2);
    records.remove_prefix(length);
    const std::size_t equals = record.find('=');
    if (equals == 0 || equals == std::string_view::npos) return std::nullopt;
    const std::string_view key = record.substr(0, equals);
    const std::string_view value = record.substr(equals + 1);
    if (value.find('\0') != std::string_view::npos) return std::nullopt;  // Go refuses it, libarchive cuts it
    if (key == "path") {
      overrides.path = std::string(value);
    } else if (key == "size") {
      std::uint64_t size = 0;
      if (value.empty()) return std::nullopt;
      for (char c : value) {
        if (c < '0' || c > '9' || size > (UINT64_MAX / 10)) return std::nullopt;
        size = size * 10 + static_cast<std::uint64_t>(c - '0');
      }
      overrides.size = size;
    } else if (key.starts_with("GNU.sparse")) {
      return std::nullopt;
    }
  }
  return overrides;
}

}  // namespace

std::optional<std::vector<TarEntry>> readSimpleTar(std::string_view tar) {
  std::vector<TarEntry> entries;
  std::optional<std::string> longName;  // from a GNU 'L' entry or a pax path record
  std::optional<std::uint64_t> paxSize;
  std::size_t offset = 0;
  while (true) {
    if (offset == tar.size()) {  // the end without its marker, as Go accepts
      return longName || paxSize ? std::nullopt : std::optional(std::move(entries));
    }
    if (tar.size() - offset < kBlock) return std::nullopt;
    const std::string_view header = tar.substr(offset, kBlock);
    offset += kBlock;
    if (isZeroBlock(header)) {
      if (offset == tar.size() || (tar.size() - offset >= kBlock && isZeroBlock(tar.substr(offset, kBlock)))) {
        return longName || paxSize ? std::nullopt : std::optional(std::move(entries));
      }
      return std::nullopt;
    }
    if (!checksumMatches(header)) return std::nullopt;
    const std::string_view magic = header.substr(257, 8);
    const bool ustar = magic == std::string_view("ustar\0" "00", 8);
    const bool gnu = magic == std::string_view("ustar  \0", 8);
    if (!ustar && !gnu) return std::nullopt;  // pre-POSIX (v7) headers: libarchive's turn
    if (ustar && header.substr(508, 4) == std::string_view("tar\0", 4)) return std::nullopt;  // star's layout
    auto size = octal(header, 124, 12);
    auto mode = octal(header, 100, 8);
    // File-type bits in the mode are libarchive's call.
    if (!size || !mode || (*mode & ~std::uint64_t{07777}) != 0) return std::nullopt;
    if (!otherNumbersWellFormed(header, ustar)) return std::nullopt;
    const char type = header[156];
    if ((type == 'x' || type == 'L') && *size > kMaxSpecialSize) return std::nullopt;
    if (type != 'x' && type != 'g' && paxSize) size = paxSize;
    const std::uint64_t padded = (*size + kBlock - 1) / kBlock * kBlock;  // data and padding, both required
    if (*size > tar.size() - offset || padded > tar.size() - offset) return std::nullopt;
    const std::string_view data = tar.substr(offset, *size);
    offset += padded;
    switch (type) {
      case 'L': longName = std::string(field(data, 0, data.size())); continue;
      case 'K': continue;  // a long link target: links become empty files anyway
      case 'g': continue;  // pax global records: nothing here applies them
      case 'x': {
        auto overrides = parsePax(data);
        if (!overrides) return std::nullopt;
        if (overrides->path) longName = std::move(overrides->path);
        paxSize = overrides->size;
        continue;
      }
      case '0': case '\0': case '7': case '5': case '1': case '2': break;
      default: return std::nullopt;
    }
    if ((type == '1' || type == '2') && !data.empty()) return std::nullopt;
    TarEntry entry;
    if (longName) {
      entry.path = std::move(*longName);
    } else {
      const std::string_view prefix = ustar ? field(header, 345, 155) : std::string_view();
      entry.path = prefix.empty() ? std::string(field(header, 0, 100))
                                  : std::string(prefix) + "/" + std::string(field(header, 0, 100));
    }
    longName.reset();
    paxSize.reset();
    entry.directory = type == '5';
    if ((entry.directory && !data.empty()) || (!entry.directory && entry.path.ends_with('/'))) return std::nullopt;
    entry.data = data;
    entries.push_back(std::move(entry));
  }
}

}  // namespace ho::chart
