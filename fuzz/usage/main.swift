import FuzzDriver

// A closure, not `fuzzUsage` itself: passing the exported function would emit its C symbol a second time here.
runFuzzer { fuzzUsage($0, $1) }
