//! preflight: lints a WeChat mini-program store bundle for the reasons WeChat
//! review rejects it, before it is submitted.
//!
//! Data flows one way: `bundle` (loading, source map) → `rules` (pure checks
//! over one bundle) → `engine` (selection, severities, locations) → `report`
//! (renderers) → `cli`.

pub mod adapters;
pub mod baseline;
pub mod bundle;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod fetch;
pub mod remote;
pub mod report;
pub mod rules;
pub mod schema;
