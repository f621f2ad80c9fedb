// The escapers behind the html, js and urlquery template builtins
// (Go's template.HTMLEscapeString, template.JSEscapeString, url.QueryEscape).
#pragma once

#include <string>
#include <string_view>

namespace ho::tmpl {

std::string htmlEscape(std::string_view s);
std::string jsEscape(std::string_view s);
std::string urlQueryEscape(std::string_view s);

}  // namespace ho::tmpl
