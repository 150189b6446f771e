#include "wire/framing.h"

#include <cerrno>
#include <unistd.h>

namespace netdrill::wire {

namespace {

bool WriteAll(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// 1: read it all; 0: the pipe ended before the first byte; -1: cut short or failed.
int ReadAll(int fd, char* data, std::size_t size) {
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(fd, data + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) return got == 0 ? 0 : -1;
    got += static_cast<std::size_t>(n);
  }
  return 1;
}

}  // namespace

bool WriteFrame(int fd, const google::protobuf::MessageLite& message) {
  std::string body;
  if (!message.SerializeToString(&body) || body.size() > kMaxFrameBytes) return false;
  const auto size = static_cast<std::uint32_t>(body.size());
  const char header[4] = {static_cast<char>(size & 0xff), static_cast<char>((size >> 8) & 0xff),
                          static_cast<char>((size >> 16) & 0xff), static_cast<char>((size >> 24) & 0xff)};
  return WriteAll(fd, header, sizeof header) && WriteAll(fd, body.data(), body.size());
}

bool ReadFrame(int fd, google::protobuf::MessageLite& message, std::string& error) {
  unsigned char header[4];
  const int head = ReadAll(fd, reinterpret_cast<char*>(header), sizeof header);
  if (head <= 0) {
    error = head == 0 ? "the pipe closed" : "the pipe closed inside a frame's length";
    return false;
  }
  const std::uint32_t size = header[0] | (header[1] << 8) | (header[2] << 16) | (static_cast<std::uint32_t>(header[3]) << 24);
  if (size > kMaxFrameBytes) {
    error = "a frame of " + std::to_string(size) + " bytes, past the limit of " + std::to_string(kMaxFrameBytes);
    return false;
  }
  std::string body(size, '\0');
  if (size > 0 && ReadAll(fd, body.data(), size) != 1) {
    error = "the pipe closed inside a frame";
    return false;
  }
  if (!message.ParseFromString(body)) {
    error = "a frame that does not parse";
    return false;
  }
  return true;
}

}  // namespace netdrill::wire
