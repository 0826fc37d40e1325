//! Formatters: the text rewritten in the project's style, or the reason it
//! is left unchanged. `dockerfile` moves only whitespace the build ignores
//! (its style and reasons are in its docs); tests check, on every corpus
//! file, that BuildKit's reading of the result is the input's.

pub mod dockerfile;
