#include "twin/write-file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace netdrill::twin {
namespace {

// Writes and closes; why it failed, or nullopt.
std::optional<std::string> WriteStream(const std::string& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return std::string("cannot create the file: ") + std::strerror(errno);
  errno = 0;
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.flush();
  const int writeErrno = errno;
  out.close();
  if (!out) return std::string("writing failed: ") + (writeErrno ? std::strerror(writeErrno) : "disk full?");
  return std::nullopt;
}

}  // namespace

std::optional<std::string> WriteWholeFile(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (fs::is_directory(status)) return std::string("it is a folder");
  if (fs::exists(status) && !fs::is_regular_file(status)) return WriteStream(path, content);  // a device, a pipe
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  if (auto failed = WriteStream(tmp, content)) {
    fs::remove(tmp, ec);
    return failed;
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    const std::string why = ec.message();
    fs::remove(tmp, ec);
    return "cannot rename the temporary file: " + why;
  }
  return std::nullopt;
}

bool WriteFileAtomic(const std::string& path, const std::string& content, Diagnostics& diags) {
  if (const auto failed = WriteWholeFile(path, content)) {
    diags.Error("cannot-write", path, {}, "", *failed);
    return false;
  }
  return true;
}

}  // namespace netdrill::twin
