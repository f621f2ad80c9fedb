// SharedText: an immutable string shared by every copy of its holder. Chart
// files are loaded once and then seen by clones of the chart (dependency
// processing renders a copy), by `.Files` and by release records; copying a
// SharedText copies a pointer, never the bytes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace ho {

class SharedText {
 public:
  SharedText() : text_(noText()) {}
  SharedText(std::string text) : text_(std::make_shared<const std::string>(std::move(text))) {}
  SharedText(const char* text) : SharedText(std::string(text)) {}

  const std::string& str() const { return *text_; }
  // The text itself, for holders that must keep it alive (parse trees).
  const std::shared_ptr<const std::string>& shared() const { return text_; }
  operator const std::string&() const { return *text_; }
  operator std::string_view() const { return *text_; }
  size_t size() const { return text_->size(); }
  bool empty() const { return text_->empty(); }

  friend bool operator==(const SharedText& text, std::string_view other) { return text.str() == other; }

 private:
  static const std::shared_ptr<const std::string>& noText() {
    static const auto none = std::make_shared<const std::string>();
    return none;
  }
  std::shared_ptr<const std::string> text_;
};

}  // namespace ho
