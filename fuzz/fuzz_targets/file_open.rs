#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| stackdraft::engine::fuzzing::file_open(data));
