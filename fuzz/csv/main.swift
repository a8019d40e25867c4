import FuzzDriver

// A closure, not `fuzzCSV` itself: passing the exported function would emit its C symbol a second time here.
runFuzzer { fuzzCSV($0, $1) }
