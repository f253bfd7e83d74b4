//! Tests of the framing engine on fixtures of our own (see tests/framing_patterns.rs for more).
