// softmax-verify's isolation runner for native ports: loads one shared library exporting the
// C ABI of docs/porting.md and serves rows over stdin/stdout (little-endian, length-prefixed),
// so a port that crashes, hangs or corrupts memory takes down this process, not the suite.
// src/external/isolated-kernel.ts starts it through src/external/runners/bridge-worker.mjs.
//
// Protocol (every field a 32-bit little-endian integer unless said otherwise):
//   hello    -> MAGIC, flags (bit 0: the library also exports <symbol>_rows)
//   request  <- op (1: call <symbol> once per row, 2: call <symbol>_rows), rows, cols,
//               x_stride, y_stride, x_align, y_align, then (rows-1)*x_stride+cols float32 of x
//               (align: -1 = the buffer ends at its trailing guard page; 0 = it starts
//               right after its leading guard page (page-aligned, so 0 mod 64 bytes);
//               1..15 = it starts at that float32 offset mod 64 bytes and ends fewer than
//               64 bytes before the trailing guard page. Words between the buffer and a
//               guard page, up to 64 bytes on each side, hold canaries: a NaN pattern in
//               x, checked in y)
//   response -> status, a, b, text length (always 0 here), then, when status is OK,
//               (rows-1)*y_stride+cols float32 of y (gaps between rows included)
// End of stdin ends the runner. After a fault the runner answers and exits; the host
// starts a fresh one for the next request.
//
// The protocol channel: the runner's stdin and stdout as started, moved to private
// descriptors (proto_in, proto_out) before the library is loaded; the port's own fd 0 is
// /dev/null and its fd 1 is the runner's stderr, so a port that prints (printf, a library's
// verbose mode) cannot corrupt the protocol, and the host shows what it printed.
//
// Guard pages only work while the fault reaches this runner: after every call the runner
// checks that its fault handlers are still installed (a port with its own SIGSEGV handler
// could swallow the fault and go on writing) and that both guard pages of both buffers
// still hold their fill pattern (a port that made a guard page writable leaves its write
// there). Either is reported as a failure of the call.
//
// The runner leads its own process group (the host starts it detached); the host's reaper
// (src/external/runners/reaper.mjs) kills that group when the suite ends in any way, so
// neither a hung port nor processes a port forked outlive the suite.

#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

typedef void (*row_fn)(const float *x, float *y, size_t n);
typedef void (*rows_fn)(const float *x, float *y, size_t rows, size_t cols, size_t x_stride, size_t y_stride);

#define MAGIC 0x52584d53u /* "SMXR" */
enum { OP_EACH_ROW = 1, OP_ROWS = 2 };
/* Shared with src/external/protocol.ts. */
enum { ST_OK = 0, ST_OUT_OF_BOUNDS = 1, ST_SIGNAL = 2, ST_X_MODIFIED = 3, ST_GAP_WRITTEN = 4, ST_ISOLATION_BROKEN = 12 };
/* What ST_ISOLATION_BROKEN's `a` says the port did. */
enum { BROKE_SIGNAL_HANDLER = 1, BROKE_GUARD_PAGE = 2 };
enum { BUF_X = 0, BUF_Y = 1 };
/* What y holds before the call: any element the kernel leaves alone keeps it. */
#define Y_CANARY 0xff5a5a5au
/* What follows x when it does not end at its guard page: a NaN pattern, so a read of x[n] poisons the result. */
#define X_CANARY 0x7fa5a5a5u
/* What guard pages hold, checked after every call: a write there, of any value but this byte pattern, shows. */
#define GUARD_FILL 0xA5
/* Alignments are float32 offsets modulo 64 bytes; canaries reach this far on each side. */
#define ALIGN_WORDS 16u

/*
 * A buffer between two PROT_NONE pages: [leading guard][cap usable bytes][trailing guard].
 * Placed against one of them (see place), so that touching element n, or element -1, faults
 * at once and the fault address says which element it was. The mapping is reused while it
 * is large enough.
 */
struct guarded {
  uint8_t *base; /* the leading guard page; usable bytes start one page later */
  size_t cap;    /* usable bytes, a multiple of the page size */
  float *data;
  size_t len;
  size_t front, back; /* canary words right before data[0] and right after data[len - 1] */
};

static struct guarded gx, gy;
static size_t page;
static int proto_in = 0, proto_out = 1;

/* Moves the protocol off fds 0 and 1 (see the header); called before the port is loaded. */
static void move_protocol_channel(void) {
  proto_in = dup(0);
  proto_out = dup(1);
  int devnull = open("/dev/null", O_RDONLY);
  if (proto_in < 0 || proto_out < 0 || devnull < 0 || dup2(devnull, 0) < 0 || dup2(2, 1) < 0) {
    fprintf(stderr, "runner: cannot set up its protocol channel\n");
    _exit(5);
  }
  close(devnull);
  /* Line-buffered, so what a port printed before a fault is not lost with the process. */
  setvbuf(stdout, NULL, _IOLBF, 0);
}

static int read_full(void *p, size_t n) {
  uint8_t *b = p;
  while (n) {
    ssize_t r = read(proto_in, b, n);
    if (r <= 0) return 0;
    b += r;
    n -= (size_t)r;
  }
  return 1;
}

/* Async-signal-safe: the fault handler answers through it too. */
static void write_full(const void *p, size_t n) {
  const uint8_t *b = p;
  while (n) {
    ssize_t w = write(proto_out, b, n);
    if (w <= 0) _exit(4);
    b += w;
    n -= (size_t)w;
  }
}

static void respond(int32_t status, int32_t a, int32_t b) {
  int32_t head[4] = {status, a, b, 0};
  write_full(head, sizeof head);
}

/* Places `count` floats: ending at the trailing guard page (align < 0), starting right after
 * the leading guard page (align 0: page-aligned), or starting at float offset `align` mod 64
 * bytes and ending fewer than 64 bytes before the trailing guard. Up to ALIGN_WORDS words on
 * each side that are not guard page are filled with `canary` (g->front, g->back). */
static float *place(struct guarded *g, size_t count, int32_t align, uint32_t canary) {
  size_t bytes = (count + 2 * ALIGN_WORDS) * sizeof(float);
  if (!g->base || bytes > g->cap) {
    if (g->base) munmap(g->base, g->cap + 2 * page);
    size_t cap = (bytes + page - 1) / page * page;
    uint8_t *m = mmap(NULL, cap + 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    /* Guard pages hold GUARD_FILL, so that a write into one (zero included) shows later. */
    if (m != MAP_FAILED) {
      memset(m, GUARD_FILL, page);
      memset(m + page + cap, GUARD_FILL, page);
    }
    if (m == MAP_FAILED || mprotect(m, page, PROT_NONE) != 0 || mprotect(m + page + cap, page, PROT_NONE) != 0) {
      fprintf(stderr, "runner: cannot map %zu bytes\n", cap + 2 * page);
      _exit(5);
    }
    g->base = m;
    g->cap = cap;
  }
  uint8_t *first = g->base + page, *end = first + g->cap;
  uint8_t *start;
  if (align == 0) {
    start = first;
  } else {
    start = end - count * sizeof(float);
    if (align > 0) {
      size_t want = (size_t)align % ALIGN_WORDS * sizeof(float);
      start -= ((uintptr_t)start - want) % (ALIGN_WORDS * sizeof(float));
    }
  }
  g->data = (float *)start;
  g->len = count;
  size_t room_before = (size_t)(start - first) / sizeof(float);
  size_t room_after = (size_t)(end - start) / sizeof(float) - count;
  g->front = room_before < ALIGN_WORDS ? room_before : ALIGN_WORDS;
  g->back = room_after < ALIGN_WORDS ? room_after : ALIGN_WORDS;
  for (size_t i = 1; i <= g->front; i++) memcpy(&g->data[-(ptrdiff_t)i], &canary, sizeof canary);
  for (size_t i = 0; i < g->back; i++) memcpy(&g->data[count + i], &canary, sizeof canary);
  return g->data;
}

static int in_guard(const struct guarded *g, const uint8_t *addr) {
  if (!g->base) return 0;
  const uint8_t *trailing = g->base + page + g->cap;
  return (addr >= g->base && addr < g->base + page) || (addr >= trailing && addr < trailing + page);
}

/* Element index of a faulting address: negative before the buffer. */
static int32_t element_at(const struct guarded *g, const uint8_t *addr) {
  return (int32_t)((addr - (const uint8_t *)g->data) >> 2);
}

/* A guard page the port made accessible and wrote to: anything but GUARD_FILL. */
static int guard_dirty(const struct guarded *g) {
  if (!g->base) return 0;
  uint8_t *pages[2] = {g->base, g->base + page + g->cap};
  int dirty = 0;
  for (int k = 0; k < 2; k++) {
    /* Readable for the check only; PROT_NONE again before the next call. */
    if (mprotect(pages[k], page, PROT_READ) != 0) _exit(5);
    for (size_t i = 0; i < page && !dirty; i++) dirty = pages[k][i] != GUARD_FILL;
    if (mprotect(pages[k], page, PROT_NONE) != 0) _exit(5);
  }
  return dirty;
}

static void on_fault(int sig, siginfo_t *si, void *uctx) {
  (void)uctx;
  const uint8_t *addr = si->si_addr;
  if (sig == SIGSEGV && in_guard(&gx, addr)) respond(ST_OUT_OF_BOUNDS, BUF_X, element_at(&gx, addr));
  else if (sig == SIGSEGV && in_guard(&gy, addr)) respond(ST_OUT_OF_BOUNDS, BUF_Y, element_at(&gy, addr));
  else respond(ST_SIGNAL, sig, 0);
  _exit(0);
}

static const int fault_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS};
#define FAULT_SIGNALS (sizeof fault_signals / sizeof fault_signals[0])

/* The first fault signal whose handler is no longer on_fault (the port replaced or reset it), or 0. */
static int replaced_handler(void) {
  for (size_t i = 0; i < FAULT_SIGNALS; i++) {
    struct sigaction now;
    if (sigaction(fault_signals[i], NULL, &now) != 0 || !(now.sa_flags & SA_SIGINFO) || now.sa_sigaction != on_fault) return fault_signals[i];
  }
  return 0;
}

static void install_fault_handlers(void) {
  /* Its own stack, so a kernel that overflows the stack is still reported. */
  static uint8_t alt[1 << 16];
  stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt, .ss_flags = 0};
  sigaltstack(&ss, NULL);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  for (size_t i = 0; i < FAULT_SIGNALS; i++) sigaction(fault_signals[i], &sa, NULL);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s LIBRARY SYMBOL MEMORY_MB\n", argv[0]);
    return 2;
  }
  page = (size_t)sysconf(_SC_PAGESIZE);
  move_protocol_channel();
  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    fprintf(stderr, "cannot load %s as a shared library: %s\n", argv[1], dlerror());
    return 2;
  }
  row_fn row = (row_fn)dlsym(lib, argv[2]);
  if (!row) {
    fprintf(stderr, "%s does not export the symbol %s (expected void %s(const float *x, float *y, size_t n))\n", argv[1], argv[2], argv[2]);
    return 2;
  }
  char rows_name[256];
  snprintf(rows_name, sizeof rows_name, "%s_rows", argv[2]);
  rows_fn rows_entry = (rows_fn)dlsym(lib, rows_name);

  /* Address-space cap after loading: a kernel that allocates without bound fails here, alone. */
  rlim_t limit = (rlim_t)strtoull(argv[3], NULL, 10) << 20;
  struct rlimit rl = {limit, limit};
  setrlimit(RLIMIT_AS, &rl);
  install_fault_handlers();

  uint32_t hello[2] = {MAGIC, rows_entry ? 1u : 0u};
  write_full(hello, sizeof hello);

  float *x_copy = NULL;
  size_t copy_cap = 0;
  for (;;) {
    uint32_t h[7];
    if (!read_full(h, sizeof h)) return 0;
    uint32_t op = h[0], rows = h[1], cols = h[2], xs = h[3], ys = h[4];
    int32_t x_align = (int32_t)h[5], y_align = (int32_t)h[6];
    size_t xlen = rows ? (size_t)(rows - 1) * xs + cols : 0;
    size_t ylen = rows ? (size_t)(rows - 1) * ys + cols : 0;
    float *x = place(&gx, xlen, x_align, X_CANARY);
    if (!read_full(x, xlen * sizeof(float))) return 0;
    if (xlen > copy_cap) {
      free(x_copy);
      x_copy = malloc(xlen * sizeof(float));
      if (!x_copy) _exit(5);
      copy_cap = xlen;
    }
    if (xlen) memcpy(x_copy, x, xlen * sizeof(float));
    float *y = place(&gy, ylen, y_align, Y_CANARY);
    uint32_t canary = Y_CANARY;
    for (size_t i = 0; i < ylen; i++) memcpy(&y[i], &canary, sizeof canary);

    if (op == OP_ROWS && rows_entry) rows_entry(x, y, rows, cols, xs, ys);
    else for (uint32_t r = 0; r < rows; r++) row(x + (size_t)r * xs, y + (size_t)r * ys, cols);

    /* First whether the checks below can be believed: a swallowed fault voids them all. */
    int replaced = replaced_handler();
    if (replaced) {
      respond(ST_ISOLATION_BROKEN, BROKE_SIGNAL_HANDLER, replaced);
      _exit(0);
    }
    if (guard_dirty(&gx) || guard_dirty(&gy)) {
      respond(ST_ISOLATION_BROKEN, BROKE_GUARD_PAGE, guard_dirty(&gx) ? BUF_X : BUF_Y);
      _exit(0);
    }
    /* x's canaries: a write next to x is a write out of bounds (x is read-only anyway). */
    uint32_t xc = X_CANARY;
    for (size_t i = 1; i <= gx.front; i++)
      if (memcmp(&x[-(ptrdiff_t)i], &xc, sizeof xc) != 0) {
        respond(ST_OUT_OF_BOUNDS, BUF_X, -(int32_t)i);
        goto next;
      }
    for (size_t i = 0; i < gx.back; i++)
      if (memcmp(&x[xlen + i], &xc, sizeof xc) != 0) {
        respond(ST_OUT_OF_BOUNDS, BUF_X, (int32_t)(xlen + i));
        goto next;
      }
    /* memcmp would find a change too, but not where; the index is what the user needs. */
    size_t changed = xlen;
    for (size_t i = 0; i < xlen && changed == xlen; i++)
      if (memcmp(&x[i], &x_copy[i], sizeof(float)) != 0) changed = i;
    if (changed < xlen) {
      respond(ST_X_MODIFIED, (int32_t)changed, 0);
      continue;
    }
    /* A write into the canaries next to a guard page is a write out of bounds, as a fault would be. */
    int64_t outside = INT64_MAX;
    for (size_t i = gy.front; i >= 1 && outside == INT64_MAX; i--)
      if (memcmp(&y[-(ptrdiff_t)i], &canary, sizeof canary) != 0) outside = -(int64_t)i;
    for (size_t i = ylen; i < ylen + gy.back && outside == INT64_MAX; i++)
      if (memcmp(&y[i], &canary, sizeof canary) != 0) outside = (int64_t)i;
    if (outside != INT64_MAX) {
      respond(ST_OUT_OF_BOUNDS, BUF_Y, (int32_t)outside);
      continue;
    }
    int32_t gap_row = -1, gap_col = 0;
    for (uint32_t r = 0; r + 1 < rows && gap_row < 0; r++)
      for (uint32_t c = cols; c < ys; c++)
        if (memcmp(&y[(size_t)r * ys + c], &canary, sizeof canary) != 0) {
          gap_row = (int32_t)r;
          gap_col = (int32_t)c;
          break;
        }
    if (gap_row >= 0) {
      respond(ST_GAP_WRITTEN, gap_row, gap_col);
      continue;
    }
    respond(ST_OK, 0, 0);
    write_full(y, ylen * sizeof(float));
  next:;
  }
}
