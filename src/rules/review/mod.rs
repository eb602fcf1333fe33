pub mod review_account_missing;
