package imgui

// #include "wrapper.h"
// #include "util.h"
import "C"
