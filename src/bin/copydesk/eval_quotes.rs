//! `copydesk eval quotes FILE`: quote and speaker scores (to be written).

pub fn run(path: &str) -> Result<(), String> {
    Err(format!("eval quotes is not implemented yet ({path})"))
}
