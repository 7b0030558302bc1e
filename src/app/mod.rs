//! The browser designer (Leptos, client-side rendered). Built only for wasm32.
