// The C example port (examples/c-port/softmax_port.c) as a program speaking the process ABI:
// one #define and one #include (src/external/drivers/softmax_driver.h). Build it for this
// machine or cross-compile it, then hand softmax-verify the command that runs it:
//
//   gcc -O2 -I src/external/drivers -o softmax_exec examples/exec-port/softmax_exec.c examples/c-port/softmax_port.c -lm
//   npx softmax-verify check --exec ./softmax_exec --algorithm three-pass-recompute --bound 1 --policy nan
//
//   aarch64-linux-gnu-gcc -O2 -static -I src/external/drivers -o softmax_exec_arm64 examples/exec-port/softmax_exec.c examples/c-port/softmax_port.c -lm
//   npx softmax-verify check --exec 'qemu-aarch64 ./softmax_exec_arm64' --algorithm three-pass-recompute --bound 1 --policy nan

#define SOFTMAX_DRIVER_KERNEL softmax_f32
#define SOFTMAX_DRIVER_KERNEL_ROWS softmax_f32_rows
#include "softmax_driver.h"
