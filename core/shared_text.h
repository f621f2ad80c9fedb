// SharedText: an immutable text shared by every copy of its holder. Chart
// files are loaded once and then seen by clones of the chart (dependency
// processing renders a copy), by `.Files`, by parse trees (whose nodes view
// the text) and by release records; copying a SharedText copies a pointer,
// never the bytes. The text is either a string of its own or a slice of a
// larger buffer that the SharedText keeps alive (a chart archive's files are
// slices of the inflated archive).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace ho {

class SharedText {
 public:
  SharedText() = default;
  SharedText(std::string text) {
    auto owned = std::make_shared<const std::string>(std::move(text));
    text_ = *owned;
    owner_ = std::move(owned);
  }
  SharedText(std::string_view text) : SharedText(std::string(text)) {}
  SharedText(const char* text) : SharedText(std::string(text)) {}
  // `text` lies inside memory that `owner` keeps alive.
  SharedText(std::shared_ptr<const void> owner, std::string_view text) : owner_(std::move(owner)), text_(text) {}

  std::string_view view() const { return text_; }
  std::string str() const { return std::string(text_); }
  operator std::string_view() const { return text_; }
  std::size_t size() const { return text_.size(); }
  bool empty() const { return text_.empty(); }
  // Part of the same memory (std::string_view::substr's arguments).
  SharedText slice(std::size_t offset, std::size_t length = std::string_view::npos) const {
    return SharedText(owner_, text_.substr(offset, length));
  }

  friend bool operator==(const SharedText& text, std::string_view other) { return text.text_ == other; }

 private:
  std::shared_ptr<const void> owner_;
  std::string_view text_;
};

}  // namespace ho
