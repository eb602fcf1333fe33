pub mod category_mismatch;
pub mod no_approved_category;
