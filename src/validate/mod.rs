//! Field validators: one pure function per kind of field.
