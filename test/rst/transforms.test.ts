/**
 * docutils' transforms, case by case: each small document's final tree and messages must equal
 * docutils 0.19's (the expected records were produced by scripts/oracle.py; regenerate them the
 * same way if the JSON convention changes). Plus direct unit tests of transforms whose input the
 * parser side may not produce yet.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocumentState } from '../../src/rst/document.js';
import { canonicalJson, messageToJson, nodeToJson, type JsonMessage, type JsonNode } from '../../src/rst/doctree-json.js';
import type { RstDocument, RstNode } from '../../src/rst/nodes.js';
import { parse } from '../../src/rst/parse.js';
import { Reporter } from '../../src/rst/reporter.js';
import { TransformContext, applyTransforms } from '../../src/rst/transforms/index.js';
import { firstTreeDiff, messageDiffs } from '../../scripts/conformance-diff.js';

interface Case {
  name: string;
  rst: string;
  tree: JsonNode;
  messages: JsonMessage[];
}

const CASES: Case[] = [
 {
  "name": "anonymous-mismatch",
  "rst": "See `a`__ and `b`__.\n\n__ http://x\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "See "
      },
      {
       "attributes": {
        "ids": [
         "id3"
        ],
        "refid": "id2"
       },
       "children": [
        {
         "type": "text",
         "value": "`a`__"
        }
       ],
       "type": "problematic"
      },
      {
       "type": "text",
       "value": " and "
      },
      {
       "attributes": {
        "ids": [
         "id4"
        ],
        "refid": "id2"
       },
       "children": [
        {
         "type": "text",
         "value": "`b`__"
        }
       ],
       "type": "problematic"
      },
      {
       "type": "text",
       "value": "."
      }
     ],
     "type": "paragraph"
    },
    {
     "attributes": {
      "anonymous": 1,
      "ids": [
       "id1"
      ],
      "refuri": "http://x"
     },
     "type": "target"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 3,
    "phase": "transform",
    "text": "Anonymous hyperlink mismatch: 2 references but 1 targets.\nSee \"backrefs\" attribute for IDs.",
    "type": "ERROR"
   }
  ]
 },
 {
  "name": "anonymous-internal",
  "rst": "See `a`__.\n\n.. __:\n\nPara.\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "See "
      },
      {
       "attributes": {
        "anonymous": 1,
        "name": "a",
        "refid": "id1"
       },
       "children": [
        {
         "type": "text",
         "value": "a"
        }
       ],
       "type": "reference"
      },
      {
       "type": "text",
       "value": "."
      }
     ],
     "type": "paragraph"
    },
    {
     "attributes": {
      "anonymous": 1,
      "refid": "id1"
     },
     "type": "target"
    },
    {
     "attributes": {
      "ids": [
       "id1"
      ]
     },
     "children": [
      {
       "type": "text",
       "value": "Para."
      }
     ],
     "type": "paragraph"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "indirect",
  "rst": ".. _a: b_\n.. _b: http://x\n\nSee a_ and b_.\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "ids": [
       "a"
      ],
      "names": [
       "a"
      ],
      "refuri": "http://x"
     },
     "type": "target"
    },
    {
     "attributes": {
      "ids": [
       "b"
      ],
      "names": [
       "b"
      ],
      "refuri": "http://x"
     },
     "type": "target"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "See "
      },
      {
       "attributes": {
        "name": "a",
        "refuri": "http://x"
       },
       "children": [
        {
         "type": "text",
         "value": "a"
        }
       ],
       "type": "reference"
      },
      {
       "type": "text",
       "value": " and "
      },
      {
       "attributes": {
        "name": "b",
        "refuri": "http://x"
       },
       "children": [
        {
         "type": "text",
         "value": "b"
        }
       ],
       "type": "reference"
      },
      {
       "type": "text",
       "value": "."
      }
     ],
     "type": "paragraph"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "indirect-missing",
  "rst": ".. _a: nowhere_\n\nSee a_.\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "ids": [
       "a"
      ],
      "names": [
       "a"
      ],
      "refname": "nowhere"
     },
     "type": "target"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "See "
      },
      {
       "attributes": {
        "ids": [
         "id2"
        ],
        "refid": "id1"
       },
       "children": [
        {
         "type": "text",
         "value": "a_"
        }
       ],
       "type": "problematic"
      },
      {
       "type": "text",
       "value": "."
      }
     ],
     "type": "paragraph"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 3,
    "line": 1,
    "phase": "transform",
    "text": "Indirect hyperlink target \"a\" (id=\"a\") refers to target \"nowhere\", which does not exist.",
    "type": "ERROR"
   }
  ]
 },
 {
  "name": "unknown-target",
  "rst": "See foo_ and `bar baz`_.\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "See "
      },
      {
       "attributes": {
        "ids": [
         "id2"
        ],
        "refid": "id1"
       },
       "children": [
        {
         "type": "text",
         "value": "foo_"
        }
       ],
       "type": "problematic"
      },
      {
       "type": "text",
       "value": " and "
      },
      {
       "attributes": {
        "ids": [
         "id4"
        ],
        "refid": "id3"
       },
       "children": [
        {
         "type": "text",
         "value": "`bar baz`_"
        }
       ],
       "type": "problematic"
      },
      {
       "type": "text",
       "value": "."
      }
     ],
     "type": "paragraph"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 3,
    "line": 1,
    "phase": "transform",
    "text": "Unknown target name: \"foo\".",
    "type": "ERROR"
   },
   {
    "level": 3,
    "line": 1,
    "phase": "transform",
    "text": "Unknown target name: \"bar baz\".",
    "type": "ERROR"
   }
  ]
 },
 {
  "name": "duplicate-target",
  "rst": ".. _a: http://1\n.. _a: http://2\n\nSee a_.\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "dupnames": [
       "a"
      ],
      "ids": [
       "a"
      ],
      "refuri": "http://1"
     },
     "type": "target"
    },
    {
     "attributes": {
      "backrefs": [
       "id1"
      ],
      "level": 2,
      "type": "WARNING"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Duplicate explicit target name: \"a\"."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "system_message"
    },
    {
     "attributes": {
      "dupnames": [
       "a"
      ],
      "ids": [
       "id1"
      ],
      "refuri": "http://2"
     },
     "type": "target"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "See "
      },
      {
       "attributes": {
        "ids": [
         "id3"
        ],
        "refid": "id2"
       },
       "children": [
        {
         "type": "text",
         "value": "a_"
        }
       ],
       "type": "problematic"
      },
      {
       "type": "text",
       "value": "."
      }
     ],
     "type": "paragraph"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 2,
    "line": 2,
    "phase": "parse",
    "text": "Duplicate explicit target name: \"a\".",
    "type": "WARNING"
   },
   {
    "level": 3,
    "line": 4,
    "phase": "transform",
    "text": "Duplicate target name, cannot be used as a unique reference: \"a\".",
    "type": "ERROR"
   }
  ]
 },
 {
  "name": "internal-target",
  "rst": ".. _here:\n\nPara.\n\nSee here_.\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "refid": "here"
     },
     "type": "target"
    },
    {
     "attributes": {
      "ids": [
       "here"
      ],
      "names": [
       "here"
      ]
     },
     "children": [
      {
       "type": "text",
       "value": "Para."
      }
     ],
     "type": "paragraph"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "See "
      },
      {
       "attributes": {
        "name": "here",
        "refid": "here"
       },
       "children": [
        {
         "type": "text",
         "value": "here"
        }
       ],
       "type": "reference"
      },
      {
       "type": "text",
       "value": "."
      }
     ],
     "type": "paragraph"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "not-referenced",
  "rst": ".. _x:\n\nPara.\n\n.. _y: http://y\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "refid": "x"
     },
     "type": "target"
    },
    {
     "attributes": {
      "ids": [
       "x"
      ],
      "names": [
       "x"
      ]
     },
     "children": [
      {
       "type": "text",
       "value": "Para."
      }
     ],
     "type": "paragraph"
    },
    {
     "attributes": {
      "ids": [
       "y"
      ],
      "names": [
       "y"
      ],
      "refuri": "http://y"
     },
     "type": "target"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 1,
    "line": 1,
    "phase": "transform",
    "text": "Hyperlink target \"x\" is not referenced.",
    "type": "INFO"
   },
   {
    "level": 1,
    "line": 5,
    "phase": "transform",
    "text": "Hyperlink target \"y\" is not referenced.",
    "type": "INFO"
   }
  ]
 },
 {
  "name": "footnotes",
  "rst": "A [#]_ B [#x]_ C [*]_ D [1]_ E [#x]_\n\n.. [#] one\n.. [#x] two\n.. [*] three\n.. [1] four\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "A "
      },
      {
       "attributes": {
        "auto": 1,
        "ids": [
         "id1"
        ],
        "refid": "id6"
       },
       "children": [
        {
         "type": "text",
         "value": "2"
        }
       ],
       "type": "footnote_reference"
      },
      {
       "type": "text",
       "value": " B "
      },
      {
       "attributes": {
        "auto": 1,
        "ids": [
         "id2"
        ],
        "refid": "x"
       },
       "children": [
        {
         "type": "text",
         "value": "3"
        }
       ],
       "type": "footnote_reference"
      },
      {
       "type": "text",
       "value": " C "
      },
      {
       "attributes": {
        "auto": "*",
        "ids": [
         "id3"
        ],
        "refid": "id7"
       },
       "children": [
        {
         "type": "text",
         "value": "*"
        }
       ],
       "type": "footnote_reference"
      },
      {
       "type": "text",
       "value": " D "
      },
      {
       "attributes": {
        "ids": [
         "id4"
        ],
        "refid": "id8"
       },
       "children": [
        {
         "type": "text",
         "value": "1"
        }
       ],
       "type": "footnote_reference"
      },
      {
       "type": "text",
       "value": " E "
      },
      {
       "attributes": {
        "auto": 1,
        "ids": [
         "id5"
        ],
        "refid": "x"
       },
       "children": [
        {
         "type": "text",
         "value": "3"
        }
       ],
       "type": "footnote_reference"
      }
     ],
     "type": "paragraph"
    },
    {
     "attributes": {
      "auto": 1,
      "backrefs": [
       "id1"
      ],
      "ids": [
       "id6"
      ],
      "names": [
       "2"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "2"
        }
       ],
       "type": "label"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "one"
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "footnote"
    },
    {
     "attributes": {
      "auto": 1,
      "backrefs": [
       "id2",
       "id5"
      ],
      "ids": [
       "x"
      ],
      "names": [
       "x"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "3"
        }
       ],
       "type": "label"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "two"
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "footnote"
    },
    {
     "attributes": {
      "auto": "*",
      "backrefs": [
       "id3"
      ],
      "ids": [
       "id7"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "*"
        }
       ],
       "type": "label"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "three"
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "footnote"
    },
    {
     "attributes": {
      "backrefs": [
       "id4"
      ],
      "ids": [
       "id8"
      ],
      "names": [
       "1"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "1"
        }
       ],
       "type": "label"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "four"
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "footnote"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "too-many-auto",
  "rst": "A [#]_ B [#]_\n\n.. [#] one\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "A "
      },
      {
       "attributes": {
        "auto": 1,
        "ids": [
         "id1"
        ],
        "refid": "id3"
       },
       "children": [
        {
         "type": "text",
         "value": "1"
        }
       ],
       "type": "footnote_reference"
      },
      {
       "type": "text",
       "value": " B "
      },
      {
       "attributes": {
        "ids": [
         "id5",
         "id2"
        ],
        "refid": "id4"
       },
       "children": [
        {
         "type": "text",
         "value": "[#]_"
        }
       ],
       "type": "problematic"
      }
     ],
     "type": "paragraph"
    },
    {
     "attributes": {
      "auto": 1,
      "backrefs": [
       "id1"
      ],
      "ids": [
       "id3"
      ],
      "names": [
       "1"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "1"
        }
       ],
       "type": "label"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "one"
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "footnote"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 3,
    "line": 1,
    "phase": "transform",
    "text": "Too many autonumbered footnote references: only 1 corresponding footnotes available.",
    "type": "ERROR"
   }
  ]
 },
 {
  "name": "too-many-symbol",
  "rst": "A [*]_ B [*]_\n\n.. [*] one\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "A "
      },
      {
       "attributes": {
        "auto": "*",
        "ids": [
         "id1"
        ],
        "refid": "id3"
       },
       "children": [
        {
         "type": "text",
         "value": "*"
        }
       ],
       "type": "footnote_reference"
      },
      {
       "type": "text",
       "value": " B "
      },
      {
       "attributes": {
        "ids": [
         "id5",
         "id2"
        ],
        "refid": "id4"
       },
       "children": [
        {
         "type": "text",
         "value": "[*]_"
        }
       ],
       "type": "problematic"
      }
     ],
     "type": "paragraph"
    },
    {
     "attributes": {
      "auto": "*",
      "backrefs": [
       "id1"
      ],
      "ids": [
       "id3"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "*"
        }
       ],
       "type": "label"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "one"
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "footnote"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 3,
    "line": 1,
    "phase": "transform",
    "text": "Too many symbol footnote references: only 1 corresponding footnotes available.",
    "type": "ERROR"
   }
  ]
 },
 {
  "name": "citation",
  "rst": "See [CIT]_.\n\n.. [CIT] A citation.\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "See "
      },
      {
       "attributes": {
        "ids": [
         "id1"
        ],
        "refid": "cit"
       },
       "children": [
        {
         "type": "text",
         "value": "CIT"
        }
       ],
       "type": "citation_reference"
      },
      {
       "type": "text",
       "value": "."
      }
     ],
     "type": "paragraph"
    },
    {
     "attributes": {
      "backrefs": [
       "id1"
      ],
      "ids": [
       "cit"
      ],
      "names": [
       "cit"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "CIT"
        }
       ],
       "type": "label"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "A citation."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "citation"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "substitution",
  "rst": "The |a| and |B| and |c|.\n\n.. |a| replace:: x\n.. |b| replace:: *y*\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "The x and "
      },
      {
       "children": [
        {
         "type": "text",
         "value": "y"
        }
       ],
       "type": "emphasis"
      },
      {
       "type": "text",
       "value": " and "
      },
      {
       "attributes": {
        "ids": [
         "id2"
        ],
        "refid": "id1"
       },
       "children": [
        {
         "type": "text",
         "value": "|c|"
        }
       ],
       "type": "problematic"
      },
      {
       "type": "text",
       "value": "."
      }
     ],
     "type": "paragraph"
    },
    {
     "attributes": {
      "names": [
       "a"
      ]
     },
     "children": [
      {
       "type": "text",
       "value": "x"
      }
     ],
     "type": "substitution_definition"
    },
    {
     "attributes": {
      "names": [
       "b"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "y"
        }
       ],
       "type": "emphasis"
      }
     ],
     "type": "substitution_definition"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 3,
    "line": 1,
    "phase": "transform",
    "text": "Undefined substitution referenced: \"c\".",
    "type": "ERROR"
   }
  ]
 },
 {
  "name": "docinfo",
  "rst": ".. comment\n\n:Author: Me\n:Version: 1.0\n:Foo bar: baz\n:Authors: A; B\n:Abstract: short\n\nPara.\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Me"
        }
       ],
       "type": "author"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "1.0"
        }
       ],
       "type": "version"
      },
      {
       "attributes": {
        "classes": [
         "foo-bar"
        ]
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Foo bar"
          }
         ],
         "type": "field_name"
        },
        {
         "children": [
          {
           "children": [
            {
             "type": "text",
             "value": "baz"
            }
           ],
           "type": "paragraph"
          }
         ],
         "type": "field_body"
        }
       ],
       "type": "field"
      },
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "A"
          }
         ],
         "type": "author"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "B"
          }
         ],
         "type": "author"
        }
       ],
       "type": "authors"
      }
     ],
     "type": "docinfo"
    },
    {
     "attributes": {
      "classes": [
       "abstract"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Abstract"
        }
       ],
       "type": "title"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "short"
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "topic"
    },
    {
     "attributes": {
      "xml:space": "preserve"
     },
     "children": [
      {
       "type": "text",
       "value": "comment"
      }
     ],
     "type": "comment"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "Para."
      }
     ],
     "type": "paragraph"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "transitions",
  "rst": "Para.\n\n----------\n\n----------\n\nPara.\n\nSection\n=======\n\nText.\n\n----------\n\nOther\n=====\n\nText.\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "Para."
      }
     ],
     "type": "paragraph"
    },
    {
     "type": "transition"
    },
    {
     "attributes": {
      "level": 3,
      "type": "ERROR"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "At least one body element must separate transitions; adjacent transitions are not allowed."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "system_message"
    },
    {
     "type": "transition"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "Para."
      }
     ],
     "type": "paragraph"
    },
    {
     "attributes": {
      "ids": [
       "section"
      ],
      "names": [
       "section"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Section"
        }
       ],
       "type": "title"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "Text."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "section"
    },
    {
     "type": "transition"
    },
    {
     "attributes": {
      "ids": [
       "other"
      ],
      "names": [
       "other"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Other"
        }
       ],
       "type": "title"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "Text."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "section"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 3,
    "line": 5,
    "phase": "transform",
    "text": "At least one body element must separate transitions; adjacent transitions are not allowed.",
    "type": "ERROR"
   }
  ]
 },
 {
  "name": "contents",
  "rst": ".. contents::\n\nA\n=\n\nText.\n\nB\n-\n\nText.\n\nC\n=\n\nText.\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "classes": [
       "contents"
      ],
      "ids": [
       "contents"
      ],
      "names": [
       "contents"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Contents"
        }
       ],
       "type": "title"
      },
      {
       "children": [
        {
         "children": [
          {
           "children": [
            {
             "attributes": {
              "ids": [
               "id1"
              ],
              "refid": "a"
             },
             "children": [
              {
               "type": "text",
               "value": "A"
              }
             ],
             "type": "reference"
            }
           ],
           "type": "paragraph"
          },
          {
           "children": [
            {
             "children": [
              {
               "children": [
                {
                 "attributes": {
                  "ids": [
                   "id2"
                  ],
                  "refid": "b"
                 },
                 "children": [
                  {
                   "type": "text",
                   "value": "B"
                  }
                 ],
                 "type": "reference"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "list_item"
            }
           ],
           "type": "bullet_list"
          }
         ],
         "type": "list_item"
        },
        {
         "children": [
          {
           "children": [
            {
             "attributes": {
              "ids": [
               "id3"
              ],
              "refid": "c"
             },
             "children": [
              {
               "type": "text",
               "value": "C"
              }
             ],
             "type": "reference"
            }
           ],
           "type": "paragraph"
          }
         ],
         "type": "list_item"
        }
       ],
       "type": "bullet_list"
      }
     ],
     "type": "topic"
    },
    {
     "attributes": {
      "ids": [
       "a"
      ],
      "names": [
       "a"
      ]
     },
     "children": [
      {
       "attributes": {
        "refid": "id1"
       },
       "children": [
        {
         "type": "text",
         "value": "A"
        }
       ],
       "type": "title"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "Text."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "ids": [
         "b"
        ],
        "names": [
         "b"
        ]
       },
       "children": [
        {
         "attributes": {
          "refid": "id2"
         },
         "children": [
          {
           "type": "text",
           "value": "B"
          }
         ],
         "type": "title"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "Text."
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "section"
      }
     ],
     "type": "section"
    },
    {
     "attributes": {
      "ids": [
       "c"
      ],
      "names": [
       "c"
      ]
     },
     "children": [
      {
       "attributes": {
        "refid": "id3"
       },
       "children": [
        {
         "type": "text",
         "value": "C"
        }
       ],
       "type": "title"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "Text."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "section"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "propagate-chain",
  "rst": ".. _a:\n.. _b:\n\nPara.\n\nSee a_ and b_.\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "refid": "a"
     },
     "type": "target"
    },
    {
     "attributes": {
      "refid": "b"
     },
     "type": "target"
    },
    {
     "attributes": {
      "ids": [
       "b",
       "a"
      ],
      "names": [
       "b",
       "a"
      ]
     },
     "children": [
      {
       "type": "text",
       "value": "Para."
      }
     ],
     "type": "paragraph"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "See "
      },
      {
       "attributes": {
        "name": "a",
        "refid": "a"
       },
       "children": [
        {
         "type": "text",
         "value": "a"
        }
       ],
       "type": "reference"
      },
      {
       "type": "text",
       "value": " and "
      },
      {
       "attributes": {
        "name": "b",
        "refid": "b"
       },
       "children": [
        {
         "type": "text",
         "value": "b"
        }
       ],
       "type": "reference"
      },
      {
       "type": "text",
       "value": "."
      }
     ],
     "type": "paragraph"
    }
   ],
   "type": "document"
  },
  "messages": []
 }
];

for (const c of CASES) {
  test(`transforms: ${c.name} matches docutils`, () => {
    const doc = parse(c.rst, { path: `${c.name}.rst` });
    const tree = nodeToJson(doc.tree);
    const messages = doc.messages.map(messageToJson);
    const d = firstTreeDiff(tree, c.tree);
    assert.equal(d, undefined, d && `${d.path}: ${d.kind}\n  ours:     ${d.ours}\n  docutils: ${d.docutils}`);
    const md = messageDiffs(messages, c.messages);
    assert.deepEqual(md, []);
    assert.equal(canonicalJson(tree), canonicalJson(c.tree));
  });
}

test('transforms: substitution :trim: strips the neighbouring whitespace', () => {
  const reporter = new Reporter();
  const doc = new DocumentState(reporter);
  const subref: RstNode = { type: 'substitution_reference', attributes: { refname: 'x' }, children: [{ type: 'text', value: 'x' }] };
  const subdef: RstNode = {
    type: 'substitution_definition',
    attributes: { names: ['x'], ltrim: 1, rtrim: 1 },
    children: [{ type: 'text', value: '\u00a9' }],
  };
  const tree: RstDocument = {
    type: 'document',
    children: [{ type: 'paragraph', children: [{ type: 'text', value: 'A ' }, subref, { type: 'text', value: ' B' }] }, subdef],
  };
  doc.noteSubstitutionDef(subdef, 'x');
  doc.noteSubstitutionRef(subref, 'x');
  reporter.phase = 'transform';
  applyTransforms(doc, tree, reporter);
  assert.equal(canonicalJson(nodeToJson(tree.children[0]!)), canonicalJson({ type: 'paragraph', children: [{ type: 'text', value: 'A\u00a9B' }] }));
  assert.deepEqual(reporter.messages, []);
});

test('transforms: never throw on odd trees', () => {
  const reporter = new Reporter();
  const doc = new DocumentState(reporter);
  const weird: RstNode = { type: 'reference', attributes: { refname: 'nope', anonymous: 1 } };
  const tree: RstDocument = { type: 'document', children: [weird, { type: 'transition' }, { type: 'target', attributes: {} }] };
  doc.noteAnonymousRef(weird);
  doc.indirectTargets.push({ type: 'target', attributes: { refname: 'x', names: ['x'] } });
  reporter.phase = 'transform';
  applyTransforms(doc, tree, reporter);
  assert.ok(!reporter.messages.some((m) => m.ruleId === 'internal-error'), JSON.stringify(reporter.messages));
});

test('transforms: the context keeps findAll lists and parent links right as the tree changes', () => {
  const reporter = new Reporter();
  const doc = new DocumentState(reporter);
  const ref = (name: string): RstNode => ({ type: 'reference', attributes: { name }, children: [{ type: 'text', value: name }] });
  const a = ref('a');
  const b = ref('b');
  const sub: RstNode = { type: 'substitution_reference', attributes: { refname: 's' }, children: [] };
  const para: RstNode = { type: 'paragraph', children: [a, { type: 'text', value: ' ' }, sub, b] };
  const note: RstNode = { type: 'note', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'x' }] }] };
  const section: RstNode = { type: 'section', children: [{ type: 'title', children: [] }, para, note] };
  const tree: RstDocument = { type: 'document', children: [section] };
  const ctx = new TransformContext(doc, tree, reporter);
  const names = (): unknown[] => ctx.findAll('reference').map((n) => n.attributes?.name);
  assert.deepEqual(names(), ['a', 'b']);
  // parents of indexed nodes and their ancestors, and (looked up on demand) of any other node
  assert.equal(ctx.parent(b), para);
  assert.equal(ctx.parent(para), section);
  assert.equal(ctx.parent(note.children![0]!), note);
  assert.equal(ctx.parent(tree), undefined);
  // a replacement brings a new reference: the list is rebuilt, in document order
  const c = ref('c');
  ctx.replace(sub, [c]);
  assert.deepEqual(names(), ['a', 'c', 'b']);
  assert.deepEqual(ctx.findAll('substitution_reference'), []);
  assert.equal(ctx.parent(c), para);
  // a moved node changes places in the list
  para.children!.splice(para.children!.indexOf(a), 1);
  ctx.insertChild(note, 1, a);
  assert.deepEqual(names(), ['c', 'b', 'a']);
  assert.equal(ctx.parent(a), note);
  assert.deepEqual(
    ctx.findAll(['reference', 'footnote_reference', 'citation_reference']).map((n) => n.attributes?.name),
    ['c', 'b', 'a'],
  );
  // a removed subtree leaves the lists
  section.children!.splice(section.children!.indexOf(note), 1);
  ctx.changed(note);
  assert.deepEqual(names(), ['c', 'b']);
});
