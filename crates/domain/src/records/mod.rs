//! Editing the ward's records from forms: cells, the party-member directory, new candidates,
//! classes. (Being written.)
