//! The analyst's annotations: claims, tags, notes, links and source-bias tags, and their anchors
//! in the article text. Model and anchoring are pure; `store` does the file IO.
