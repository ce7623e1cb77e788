{
  # The native kernels (src/kernels/native/c). Each ISA's kernels are a static library compiled with
  # that ISA's flags only, so nothing outside them can contain AVX2/AVX-512 instructions and
  # dispatch.c decides at run time which ones may execute. Every file is compiled with
  # -ffp-contract=off: the accurate recipe forbids fusing a multiply and an add (GCC fuses
  # intrinsics too by default); the paper recipe asks for FMA explicitly with _mm*_fmadd_ps.
  # The AVX2/AVX-512 libraries exist only when target_arch is x64: on any other architecture
  # (arm64, the new hardware this suite validates) the addon is built from its portable files
  # alone, has no native kernels, and says so (dispatch.c); the external runner is portable.
  # The whole addon is optional (scripts/install-native.mjs).
  'target_defaults': {
    'cflags': ['-O3', '-ffp-contract=off', '-fno-math-errno', '-Wall', '-Wextra', '-fPIC'],
    'cflags!': ['-O2'],
  },
  'targets': [
    {
      'target_name': 'softmax_native',
      'sources': ['src/kernels/native/c/addon.c', 'src/kernels/native/c/cpu_features.c', 'src/kernels/native/c/dispatch.c', 'src/kernels/native/c/special_rows.c', 'src/kernels/native/c/bench.c', 'src/kernels/native/c/bench_memory.c'],
      'conditions': [
        ['target_arch=="x64"', {
          'dependencies': ['softmax_kernels_avx2', 'softmax_kernels_avx512'],
        }],
      ],
    },
    {
      # Runs a user's native port in its own process (src/external/, docs/porting.md).
      'target_name': 'softmax_external_runner',
      'type': 'executable',
      'sources': ['src/external/runners/runner.c'],
      'libraries': ['-ldl'],
    },
  ],
  'conditions': [
    ['target_arch=="x64"', {
      'targets': [
        {
          'target_name': 'softmax_kernels_avx2',
          'type': 'static_library',
          'sources': ['src/kernels/native/c/kernels_avx2.c'],
          'cflags': ['-mavx2', '-mfma'],
        },
        {
          'target_name': 'softmax_kernels_avx512',
          'type': 'static_library',
          'sources': ['src/kernels/native/c/kernels_avx512.c'],
          'cflags': ['-mavx2', '-mfma', '-mavx512f', '-mavx512dq', '-mavx512vl', '-mavx512bw'],
        },
      ],
    }],
  ],
}
