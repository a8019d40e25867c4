import FuzzDriver

// A closure, not `fuzzTimestamp` itself: passing the exported function would emit its C symbol a second time here.
runFuzzer { fuzzTimestamp($0, $1) }
