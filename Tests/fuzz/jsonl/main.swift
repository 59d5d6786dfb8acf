import Foundation
import FuzzerDriver
import RegelFuzz

// libFuzzer runs the target on each input it makes (built by Tests/fuzz/run.sh).
// SwiftPM links this file's top-level code as the program's main, so it starts
// libFuzzer's driver itself; libFuzzer's own main, linked as well, needs the
// C entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { FuzzTarget.jsonl.fuzz(data, size) }

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
