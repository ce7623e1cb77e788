{
  # The native kernels (native/src). Each ISA's kernels are a static library compiled with
  # that ISA's flags only, so nothing outside them can contain AVX2/AVX-512 instructions and
  # dispatch.c decides at run time which ones may execute. Every file is compiled with
  # -ffp-contract=off: the accurate recipe forbids fusing a multiply and an add (GCC fuses
  # intrinsics too by default); the paper recipe asks for FMA explicitly with _mm*_fmadd_ps.
  'target_defaults': {
    'cflags': ['-O3', '-ffp-contract=off', '-fno-math-errno', '-Wall', '-Wextra', '-fPIC'],
    'cflags!': ['-O2'],
  },
  'targets': [
    {
      'target_name': 'softmax_kernels_avx2',
      'type': 'static_library',
      'sources': ['native/src/kernels_avx2.c'],
      'cflags': ['-mavx2', '-mfma'],
    },
    {
      'target_name': 'softmax_kernels_avx512',
      'type': 'static_library',
      'sources': ['native/src/kernels_avx512.c'],
      'cflags': ['-mavx2', '-mfma', '-mavx512f', '-mavx512dq', '-mavx512vl', '-mavx512bw'],
    },
    {
      'target_name': 'softmax_native',
      'sources': ['native/src/addon.c', 'native/src/cpu_features.c', 'native/src/dispatch.c', 'native/src/special_rows.c', 'native/src/bench.c', 'native/src/bench_memory.c'],
      'dependencies': ['softmax_kernels_avx2', 'softmax_kernels_avx512'],
    },
    {
      # Runs a user's native port in its own process (src/external/, docs/porting.md).
      'target_name': 'softmax_external_runner',
      'type': 'executable',
      'sources': ['native/external/runner.c'],
      'libraries': ['-ldl'],
    },
  ],
}
