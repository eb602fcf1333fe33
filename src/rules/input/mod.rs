pub mod invalid_input;
