/** Loads every visitor module (each registers its node types in VISITORS). */
import './body.js';
import './inline.js';
