"""Placeholder until the page is built."""
import streamlit as st

st.info("…")
