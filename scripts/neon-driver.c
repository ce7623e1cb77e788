// One AArch64 program serving every NEON kernel (src/kernels/native/c/kernels_neon.h) over
// the process ABI, chosen by its first argument, the kernel id: `neon-driver two-pass/neon/accurate`.
// Built and checked under qemu-aarch64 by scripts/neon-qemu.sh.
#include "softmax_driver.h"
#include "kernels_neon.h"

static const struct softmax_driver_kernel kernels[] = {
    {"three-pass-recompute/neon/paper", smx_three_pass_recompute_neon_paper, NULL},
    {"three-pass-reload/neon/paper", smx_three_pass_reload_neon_paper, NULL},
    {"two-pass/neon/paper", smx_two_pass_neon_paper, NULL},
    {"online/neon/paper", smx_online_neon_paper, NULL},
    {"three-pass-recompute/neon/accurate", smx_three_pass_recompute_neon_accurate, NULL},
    {"three-pass-reload/neon/accurate", smx_three_pass_reload_neon_accurate, NULL},
    {"two-pass/neon/accurate", smx_two_pass_neon_accurate, NULL},
    {"online/neon/accurate", smx_online_neon_accurate, NULL},
    {NULL, NULL, NULL},
};

int main(int argc, char **argv) { return softmax_driver_main(argc, argv, kernels); }
