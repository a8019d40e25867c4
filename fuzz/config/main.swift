import FuzzDriver

// A closure, not `fuzzConfig` itself: passing the exported function would emit its C symbol a second time here.
runFuzzer { fuzzConfig($0, $1) }
