"""What a worker process gives up before it reads anything a client sent: memory beyond its budget, and the network.

Both are set inside the worker by the kernel, not by reading the work: a query, a shape or an XML document that
gets past every check of its text still cannot allocate past the limit or open a connection.

- **Memory**: ``RLIMIT_AS`` caps the address space. An allocation past it fails; Python raises ``MemoryError``,
  Rust code (the SPARQL engine) prints ``memory allocation of N bytes failed`` and aborts. The server tells the two
  outcomes apart from a crash by what the worker wrote to its error stream (see :func:`out_of_memory_text`).
- **Network**: a seccomp filter makes ``socket()`` fail with ``EACCES`` for IPv4 and IPv6 (Unix sockets, which a
  worker never needs either, stay allowed so that the C library can fall back quietly), and refuses ``io_uring``,
  which could open sockets without that system call. Installing a filter needs no privilege (``no_new_privs`` is set
  first), works in containers, and cannot be undone by the process. Where the kernel has no seccomp, the worker
  reports it and the server refuses to start network-free workers unless told it may (``Settings``).
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import resource
import socket
import struct

# Linux constants (include/uapi/linux/{prctl,seccomp,filter,audit}.h).
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_JSET_K = 0x45  # BPF_JMP | BPF_JSET | BPF_K
_RET_K = 0x06  # BPF_RET | BPF_K
_X32_BIT = 0x40000000
_AF_INET, _AF_INET6 = 2, 10

# Per architecture: the audit arch value, socket(), io_uring_setup().
_ARCHES = {
    "x86_64": (0xC000003E, 41, 425),
    "aarch64": (0xC00000B7, 198, 425),
}


def limit_memory(max_bytes: int) -> None:
    """Cap this process's address space at ``max_bytes`` (0: no cap)."""
    if max_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))


def _instruction(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def _filter_program(arch: int, sys_socket: int, sys_io_uring: int) -> bytes:
    deny_access = _RET_ERRNO | errno.EACCES
    deny_nosys = _RET_ERRNO | errno.ENOSYS
    program = [
        # A filter written for one ABI must not run under another: anything else is refused outright.
        _instruction(_LD_W_ABS, 4),  # seccomp_data.arch
        _instruction(_JEQ_K, arch, 1, 0),
        _instruction(_RET_K, deny_access),
        _instruction(_LD_W_ABS, 0),  # seccomp_data.nr
        _instruction(_JSET_K, _X32_BIT, 0, 1),  # x32 system calls on x86_64: refused
        _instruction(_RET_K, deny_access),
        _instruction(_JEQ_K, sys_io_uring, 0, 1),
        _instruction(_RET_K, deny_nosys),
        _instruction(_JEQ_K, sys_socket, 0, 5),  # not socket(): allowed (the last instruction)
        _instruction(_LD_W_ABS, 16),  # seccomp_data.args[0], low 32 bits: the address family
        _instruction(_JEQ_K, _AF_INET, 2, 0),
        _instruction(_JEQ_K, _AF_INET6, 1, 0),
        _instruction(_RET_K, _RET_ALLOW),
        _instruction(_RET_K, deny_access),
        _instruction(_RET_K, _RET_ALLOW),
    ]
    return b"".join(program)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def deny_network() -> str | None:
    """Make IPv4/IPv6 sockets impossible for this process and its threads; ``None`` when done, else why not."""
    arch = _ARCHES.get(platform.machine())
    if arch is None:
        return f"no seccomp filter for the {platform.machine()} architecture"
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError as error:
        return f"the C library cannot be loaded: {error}"
    code = _filter_program(*arch)
    buffer = ctypes.create_string_buffer(code, len(code))
    program = _SockFprog(len(code) // 8, ctypes.addressof(buffer))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return f"prctl(NO_NEW_PRIVS) failed: {os.strerror(ctypes.get_errno())}"
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0) != 0:
        return f"seccomp is not available: {os.strerror(ctypes.get_errno())}"
    return None


def network_denied() -> bool:
    """Whether this process really cannot open an IPv4 socket (the proof the worker reports at start)."""
    try:
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    except PermissionError:
        return True
    probe.close()
    return False


_OUT_OF_MEMORY_SIGNS = (
    "memory allocation of",  # Rust's allocation error handler
    "MemoryError",  # Python
    "std::bad_alloc",  # C++ (RocksDB)
    "Cannot allocate memory",
    "out of memory",
)


def out_of_memory_text(stderr_tail: str) -> bool:
    """Whether what a dead worker last wrote says it died for want of memory."""
    return any(sign in stderr_tail for sign in _OUT_OF_MEMORY_SIGNS)


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
# /proc/self/statm, opened once per process (read before every reply, so kept cheap): the process that opened it,
# and the descriptor. A descriptor inherited over a fork would still read the parent, so a new process opens its own.
_statm: tuple[int, int] | None = None


def resident_bytes() -> int:
    """This process's resident memory now (``statm``'s second field, in pages), 0 where ``/proc`` is missing."""
    global _statm
    try:
        if _statm is None or _statm[0] != os.getpid():
            _statm = os.getpid(), os.open("/proc/self/statm", os.O_RDONLY)
        return int(os.pread(_statm[1], 128, 0).split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0
