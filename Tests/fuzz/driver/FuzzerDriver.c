// The declaration is all this module offers (include/FuzzerDriver.h); a C
// target needs one source file.
#include "FuzzerDriver.h"
