//! `copydesk eval structure FILE`: structure scores (to be written).

pub fn run(path: &str) -> Result<(), String> {
    Err(format!("eval structure is not implemented yet ({path})"))
}
