import CCompression

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension OutputCompression {
    /// The shim's code for the format; `nil` for `none`.
    var kind: Int32? {
        switch self {
        case .none: nil
        case .gzip: Int32(CCOMP_GZIP)
        case .zstd: Int32(CCOMP_ZSTD)
        }
    }

    /// `bytes` as one complete gzip member or zstd frame (or as they are, for `none`).
    func compress(_ bytes: [UInt8]) -> [UInt8]? {
        guard let kind else { return bytes }
        var length = 0
        let compressed = bytes.withUnsafeBufferPointer { ccomp_compress(kind, $0.baseAddress, $0.count, &length) }
        guard let compressed else { return nil }
        defer { ccomp_free(compressed) }
        return Array(UnsafeBufferPointer(start: compressed, count: length))
    }

    /// Reads the first `limit` bytes of the open file `descriptor` from its start, decompressed, handing them
    /// to `visit` chunk by chunk until it returns `false`. Returns whether the bytes read end a whole member or
    /// frame, or `nil` when they are not valid data of this format.
    func read(_ descriptor: Int32, limit: UInt64, visit: ([UInt8]) -> Bool) -> Bool? {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var position: UInt64 = 0
        guard let kind else {
            while position < limit {
                let wanted = Int(min(UInt64(chunk.count), limit - position))
                let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, wanted, off_t(position)) }
                guard count > 0 else { return nil }
                position += UInt64(count)
                if !visit(Array(chunk[..<count])) { break }
            }
            return true
        }
        guard let decoder = ccomp_decoder_open(kind) else { return nil }
        defer { ccomp_decoder_close(decoder) }
        var output = [UInt8](repeating: 0, count: 256 * 1024)
        while position < limit {
            let wanted = Int(min(UInt64(chunk.count), limit - position))
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, wanted, off_t(position)) }
            guard count > 0 else { return nil }
            position += UInt64(count)
            var start = 0
            // Loops until the chunk is consumed and the decoder has nothing more to give for it.
            while true {
                var consumed = 0
                var produced = 0
                let status = chunk.withUnsafeBufferPointer { input in
                    output.withUnsafeMutableBufferPointer { out in
                        ccomp_decoder_run(
                            decoder,
                            input.baseAddress! + start,
                            count - start,
                            out.baseAddress,
                            out.count,
                            &consumed,
                            &produced
                        )
                    }
                }
                guard status == 0 else { return nil }
                start += consumed
                if produced > 0, !visit(Array(output[..<produced])) { return ccomp_decoder_at_boundary(decoder) != 0 }
                if start == count && produced < output.count { break }
                if consumed == 0 && produced == 0 { return nil }
            }
        }
        return ccomp_decoder_at_boundary(decoder) != 0
    }
}
