//! The JavaScript boundary: the only file with `#[wasm_bindgen]`.
