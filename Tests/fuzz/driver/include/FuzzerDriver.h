// libFuzzer's entry for a program with a main of its own
// (https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library);
// -sanitize=fuzzer links its definition.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
