// Building charts from files (Helm's LoadFiles), directories (LoadDir with
// .helmignore and symlinks followed) and archives (LoadArchive / LoadFile).
#include "chart/loader.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include "chart/helmignore.h"
#include "chart/values.h"
#include "core/file_bytes.h"
#include "encoding/go_yaml.h"

namespace ho::chart {
namespace fs = std::filesystem;
namespace {

std::string extension(const std::string& name) {
  auto slash = name.rfind('/');
  auto dot = name.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  return name.substr(dot);
}

Result<Value> parseValuesYaml(std::string_view data) {
  auto doc = encoding::parseYaml(data);
  if (!doc) return Error{"cannot load values.yaml: " + doc.error().message};
  return *doc;
}

// Subchart files grouped by their folder or archive name under charts/.
using SubchartFiles = std::map<std::string, std::vector<File>>;

Result<std::shared_ptr<Chart>> loadSubchart(const std::string& name, std::vector<File>& files) {
  if (extension(name) == ".tgz") return loadArchive(files.front().data);
  std::vector<File> inside;
  for (File& f : files) {
    auto slash = f.name.find('/');
    if (slash == std::string::npos) continue;
    inside.push_back(File{f.name.substr(slash + 1), std::move(f.data)});
  }
  return loadFiles(std::move(inside));
}

// The rules of a .helmignore (when there is one) plus Helm's defaults.
Result<IgnoreRules> ignoreRules(const std::optional<std::string>& helmignore) {
  IgnoreRules rules;
  if (helmignore) {
    auto parsed = IgnoreRules::parse(*helmignore);
    if (!parsed) return parsed.error();
    rules = std::move(*parsed);
  }
  rules.addDefaults();
  return rules;
}

// Whether `name` or one of the folders it is in is ignored (what the directory walk decides).
bool ignoredWithFolders(const IgnoreRules& rules, const std::string& name) {
  for (auto slash = name.find('/'); slash != std::string::npos; slash = name.find('/', slash + 1)) {
    if (rules.ignored(std::string_view(name).substr(0, slash), true)) return true;
  }
  return rules.ignored(name, false);
}

// sympath.Walk: lexical order, symlinks followed (their contents appear under the link's name).
struct DirectoryWalker {
  const IgnoreRules& rules;
  std::vector<File>& files;

  Result<void> walk(const fs::path& dir, const std::string& relative) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) names.push_back(entry.path().filename().string());
    if (ec) return Error{"open " + dir.string() + ": " + ec.message()};
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      fs::path full = dir / name;
      std::string rel = relative.empty() ? name : relative + "/" + name;
      if (auto r = visit(full, rel); !r) return r;
    }
    return {};
  }

  Result<void> visit(const fs::path& full, const std::string& rel) {
    std::error_code ec;
    auto status = fs::status(full, ec);  // follows symlinks
    if (ec) return Error{"stat " + full.string() + ": " + ec.message()};
    if (fs::is_symlink(fs::symlink_status(full, ec))) {
      warn("walk.go:75", "found symbolic link in path: " + full.string() + " resolves to " +
                             fs::canonical(full, ec).string() + ". Contents of linked file included and used");
    }
    if (fs::is_directory(status)) {
      if (rules.ignored(rel, true)) return {};
      return walk(full, rel);
    }
    if (rules.ignored(rel, false)) return {};
    if (!fs::is_regular_file(status)) {
      return Error{"cannot load irregular file " + full.string() + " as it has file mode type bits set"};
    }
    if (fs::file_size(full, ec) > kMaxDecompressedFileSize) {
      return Error{"chart file \"" + full.filename().string() + "\" is larger than the maximum file size " +
                   std::to_string(kMaxDecompressedFileSize)};
    }
    auto data = readFileBytes(full.string());
    if (!data) return data.error();
    File& file = files.emplace_back(File{rel, std::move(*data)});
    stripByteOrderMark(file.data);
    return {};
  }
};

}  // namespace

Result<std::shared_ptr<Chart>> loadFiles(std::vector<File> files) {
  auto chart = std::make_shared<Chart>();
  chart->values = Value::map();
  bool haveMetadata = false;
  for (const File& f : files) {
    if (f.name != "Chart.yaml") continue;
    haveMetadata = true;
    if (auto parsed = parseChartYaml(f.data, chart->metadata); !parsed) {
      return Error{"cannot load Chart.yaml: " + parsed.error().message};
    }
    if (chart->metadata.apiVersion.empty()) chart->metadata.apiVersion = "v1";
  }
  SubchartFiles subcharts;
  for (File& f : files) {
    chart->raw.push_back(f);  // shares the bytes
    const std::string& name = f.name;
    if (name == "Chart.yaml" || name == "Chart.lock") continue;
    if (name == "values.yaml") {
      auto values = parseValuesYaml(f.data);
      if (!values) return values.error();
      chart->values = *values;
    } else if (name == "values.schema.json") {
      chart->schema = f.data;
    } else if (name == "requirements.yaml" || name == "requirements.lock") {
      if (chart->metadata.apiVersion != "v1") {
        if (name == "requirements.yaml") {
          warn("load.go:120",
               "Warning: Dependencies are handled in Chart.yaml since apiVersion \"v2\". We recommend "
               "migrating dependencies to Chart.yaml.");
        } else {
          warn("load.go:138",
               "Warning: Dependency locking is handled in Chart.lock since apiVersion \"v2\". We "
               "recommend migrating to Chart.lock.");
        }
      }
      if (name == "requirements.yaml") {
        if (auto parsed = parseChartYaml(f.data, chart->metadata); !parsed) {
          return Error{"cannot load requirements.yaml: " + parsed.error().message};
        }
        haveMetadata = true;
      }
      if (chart->metadata.apiVersion == "v1") chart->files.push_back(f);
    } else if (name.starts_with("templates/")) {
      chart->templates.push_back(f);
    } else if (name.starts_with("charts/")) {
      if (extension(name) == ".prov") {
        chart->files.push_back(f);
        continue;
      }
      std::string inside = name.substr(7);
      std::string folder = inside.substr(0, inside.find('/'));
      subcharts[folder].push_back(File{inside, f.data});
    } else {
      chart->files.push_back(f);
    }
  }
  if (!haveMetadata) return Error{"Chart.yaml file is missing"};
  if (auto valid = validateMetadata(chart->metadata); !valid) return valid.error();

  for (auto& [folder, subFiles] : subcharts) {
    if (folder.starts_with("_") || folder.starts_with(".")) continue;
    if (extension(folder) == ".tgz" && subFiles.front().name != folder) {
      return Error{"error unpacking subchart tar in " + chart->name() + ": expected " + folder + ", got " +
                   subFiles.front().name};
    }
    auto sub = loadSubchart(folder, subFiles);
    if (!sub) return Error{"error unpacking subchart " + folder + " in " + chart->name() + ": " + sub.error().message};
    chart->addDependency(*sub);
  }
  return chart;
}

Result<std::shared_ptr<Chart>> loadArchive(std::string_view tgzBytes) {
  auto files = readArchiveFiles(tgzBytes);
  if (!files) return files.error();
  return loadFiles(std::move(*files));
}

Result<std::shared_ptr<Chart>> loadDirectory(const std::string& dir) {
  std::error_code ec;
  fs::path top = fs::absolute(dir, ec);
  std::optional<std::string> ignoreText;
  fs::path ignoreFile = top / ".helmignore";
  if (fs::exists(ignoreFile, ec)) {
    auto text = readFileBytes(ignoreFile.string());
    if (!text) return text.error();
    ignoreText = std::move(*text);
  }
  auto rules = ignoreRules(ignoreText);
  if (!rules) return rules.error();
  std::vector<File> files;
  DirectoryWalker walker{*rules, files};
  if (auto walked = walker.walk(top, ""); !walked) return walked.error();
  return loadFiles(std::move(files));
}

Result<std::shared_ptr<Chart>> loadFileTree(std::vector<File> files) {
  const auto ignoreFile =
      std::find_if(files.begin(), files.end(), [](const File& f) { return f.name == ".helmignore"; });
  auto rules = ignoreRules(ignoreFile == files.end() ? std::nullopt : std::optional<std::string>(ignoreFile->data));
  if (!rules) return rules.error();
  std::vector<File> kept;
  for (File& f : files) {
    if (ignoredWithFolders(*rules, f.name)) continue;
    stripByteOrderMark(f.data);
    kept.push_back(std::move(f));
  }
  return loadFiles(std::move(kept));
}

Result<std::shared_ptr<Chart>> loadChart(const std::string& path) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return Error{"stat " + path + ": no such file or directory"};
  if (fs::is_directory(status)) return loadDirectory(path);
  auto data = readFileBytes(path);
  if (!data) return data.error();
  bool gzip = data->size() >= 2 && static_cast<unsigned char>((*data)[0]) == 0x1f &&
              static_cast<unsigned char>((*data)[1]) == 0x8b;
  if (!gzip) {
    bool binary = std::any_of(data->begin(), data->begin() + std::min<std::size_t>(data->size(), 512), [](char c) {
      auto u = static_cast<unsigned char>(c);
      return u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f' && u != 0x1b;
    });
    if (!binary) {
      return Error{"file '" + path + "' does not appear to be a gzipped archive; got 'text/plain; charset=utf-8'"};
    }
    return Error{"file '" + path + "' does not appear to be a valid chart file (details: gzip: invalid header)"};
  }
  return loadArchive(*data);
}

void stripByteOrderMark(SharedText& data) {
  if (data.view().starts_with("\xEF\xBB\xBF")) data = data.slice(3);
}

}  // namespace ho::chart
