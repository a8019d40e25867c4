import FuzzDriver

// A closure, not `fuzzJSON` itself: passing the exported function would emit its C symbol a second time here.
runFuzzer { fuzzJSON($0, $1) }
