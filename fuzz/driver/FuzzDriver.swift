#if canImport(Glibc)
    import Glibc
#endif

/// One fuzz input: the bytes, and their count. Returns 0; a failed check traps, which libFuzzer reports.
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Hands the process to libFuzzer with `target` as the input callback.
///
/// SwiftPM gives every executable a `main` of its own, which hides libFuzzer's, so each fuzz target starts
/// libFuzzer explicitly through `LLVMFuzzerRunDriver` (LLVM 12 and later) from its `main.swift`.
public func runFuzzer(_ target: FuzzTarget) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, target))
}

/// `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t))` from
/// libclang_rt.fuzzer, which `-sanitize=fuzzer` links; its arguments are plain pointers and integers, so the
/// Swift declaration matches the C calling convention.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzTarget
) -> CInt
