//! Tests of the classify stage on short articles written for them.

use super::*;
