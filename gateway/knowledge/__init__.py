"""Clinic knowledge: documents, chunking, embeddings, the FAISS + BM25 index, retrieval."""
