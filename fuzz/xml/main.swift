import FuzzDriver

// A closure, not `fuzzXML` itself: passing the exported function would emit its C symbol a second time here.
runFuzzer { fuzzXML($0, $1) }
