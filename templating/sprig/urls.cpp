// urlParse, urlJoin (sprig v3.3 url.go) and Helm's getHostByName.
#include "templating/sprig/urls.h"

#include "templating/sprig/go_url.h"
#include "templating/sprig/spec_builders.h"

namespace ho::tmpl {

namespace {

using sprig::Args;

Value urlParse(Args a) {
  auto url = parseGoUrl(a[0].asString());
  if (!url) throw Failure("unable to parse url: " + url.error().message);
  return Value::map(Map{
      {"scheme", Value::string(url->scheme)},
      {"host", Value::string(url->host)},
      {"hostname", Value::string(url->hostname())},
      {"path", Value::string(url->path)},
      {"query", Value::string(url->rawQuery)},
      {"opaque", Value::string(url->opaque)},
      {"fragment", Value::string(url->fragment)},
      {"userinfo", Value::string(url->user ? url->user->toString() : "")},
  });
}

// A string entry of the dict, "" when missing (sprig's dictGetOrEmpty).
std::string entry(const Value& dict, const std::string& key) {
  const Value* v = dict.find(key);
  if (v == nullptr) return "";
  if (!v->isString()) {
    throw Failure("unable to parse " + key + " key, must be of type string, but " + v->kindName() + " found");
  }
  return v->asString();
}

Value urlJoin(Args a) {
  GoUrl url;
  url.scheme = entry(a[0], "scheme");
  url.host = entry(a[0], "host");
  url.path = entry(a[0], "path");
  url.rawQuery = entry(a[0], "query");
  url.opaque = entry(a[0], "opaque");
  url.fragment = entry(a[0], "fragment");
  const std::string userinfo = entry(a[0], "userinfo");
  if (!userinfo.empty()) {
    auto parsed = parseGoUrl("proto://" + userinfo + "@host");
    if (!parsed) throw Failure("unable to parse userinfo in dict: " + parsed.error().message);
    url.user = parsed->user;
  }
  return Value::string(url.toString());
}

}  // namespace

void registerUrlFunctions(FunctionTable& table) {
  table.add("urlParse", sprig::fixed({sprig::kString}, urlParse));
  table.add("urlJoin", sprig::fixed({ParamType::Map}, urlJoin));
  table.add("getHostByName", sprig::fixed({sprig::kString}, [](Args) { return Value::string(""); }));
}

}  // namespace ho::tmpl
