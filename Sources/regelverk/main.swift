import RegelverkKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

exit(RegelverkCLI.main(Array(CommandLine.arguments.dropFirst()), console: Console(capture: false)))
