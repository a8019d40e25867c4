import ArgumentParser
import GraphEmulator
import IGCore
import IGEngine
import IGGraph
import IGOps
import IGStorage

/// The one place where errors become exit codes (sysexits.h), as the README and `--help` document them.
enum ExitStatus {
    static let ok: Int32 = 0
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let unavailable: Int32 = 69
    static let software: Int32 = 70
    static let cannotCreate: Int32 = 73
    static let ioError: Int32 = 74
    static let temporaryFailure: Int32 = 75
    static let noPermission: Int32 = 77
    static let config: Int32 = 78

    static let helpText = """
        Exit codes:
          0   ok
          64  usage: bad command-line arguments
          65  bad data: the API or a state file sent something unusable
          69  service unavailable: the API (or object storage) kept failing after every retry
          70  internal error: a bug; please report it
          73  cannot create an output file or folder (or a symlink sits where igexport creates a file), or
              the bucket of an s3:// output does not exist
          74  I/O error while writing (e.g. a full disk); rerun to resume
          75  temporary failure: an account (or an output) is being exported by another run (the other
              accounts complete first), throttled beyond http.retry.max_wait, or stopped by SIGTERM, SIGINT or SIGHUP (at a page
              boundary; rerun to resume)
          77  auth or permission: the token is expired or invalid, or lacks a permission; or the storage
              credentials are refused (SignatureDoesNotMatch, InvalidAccessKeyId, AccessDenied, ExpiredToken)
          78  config: the pipeline file is invalid
        """

    /// The exit code for an error thrown by a command.
    static func code(for error: any Error) -> Int32 {
        switch error {
        case is ConfigError, is EmulatorConfigurationError: config
        case is ValidationError: usage
        case is InterruptedError: temporaryFailure
        case is PartialRunError: dataError
        case let error as GraphError:
            error.category == .other && error.code == 0 ? unavailable : code(for: error.category)
        case is CurlError: unavailable
        case is MetricsFileError: ioError
        case let error as TokenError:
            switch error.kind {
            case .notRefreshable: config
            case .io: ioError
            case .refused(let cause): code(for: cause.category)
            case .badResponse: dataError
            }
        case is PagingError: dataError
        case let error as StorageError:
            switch error.kind {
            case .auth: noPermission
            case .noSuchBucket: cannotCreate
            case .unavailable, .refused, .noSuchUpload: unavailable
            case .io: ioError
            }
        case let error as RunLockError: error.isHeld ? temporaryFailure : cannotCreate
        case let error as StateError: error.kind == .io ? ioError : dataError
        case let error as SinkError:
            switch error.kind {
            case .cannotCreate: cannotCreate
            case .io: ioError
            case .corrupt: dataError
            case .locked: temporaryFailure
            }
        default: software
        }
    }

    private static func code(for category: GraphError.Category) -> Int32 {
        switch category {
        case .transient, .reduceData, .cursor: unavailable
        case .throttled: temporaryFailure
        case .auth, .permission: noPermission
        case .other, .badData: dataError
        }
    }
}
