/**
 * Block-parser cases with docutils 0.19's own output (parse tree before transforms, messages),
 * produced by scripts/oracle.py (registered mode, transforms off) with python3 -- see the
 * generator notes in states.test.ts. JSON convention: src/rst/doctree-json.ts.
 */
import type { JsonMessage, JsonNode } from '../../src/rst/doctree-json.js';

export interface StateCase {
  name: string;
  input: string;
  tree: JsonNode;
  messages: JsonMessage[];
}

export const CASES: StateCase[] = [
 {
  "name": "block-quote-attribution",
  "input": "Para.\n\n    Quote text.\n\n    -- Attribution\n\n  Second quote.\n",
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
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Quote text."
          }
         ],
         "type": "paragraph"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "Attribution"
          }
         ],
         "type": "attribution"
        }
       ],
       "type": "block_quote"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "Second quote."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "block_quote"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "block-quote-unindent",
  "input": "Para.\n\n    Quote\n  less\n",
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
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Quote"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "block_quote"
      },
      {
       "attributes": {
        "level": 2,
        "type": "WARNING"
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Block quote ends without a blank line; unexpected unindent."
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "system_message"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "less"
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "block_quote"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 2,
    "line": 4,
    "phase": "parse",
    "text": "Block quote ends without a blank line; unexpected unindent.",
    "type": "WARNING"
   }
  ]
 },
 {
  "name": "bullet-unindent",
  "input": "- a\nb\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "bullet": "-"
     },
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "a"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "list_item"
      }
     ],
     "type": "bullet_list"
    },
    {
     "attributes": {
      "level": 2,
      "type": "WARNING"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Bullet list ends without a blank line; unexpected unindent."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "system_message"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "b"
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
    "text": "Bullet list ends without a blank line; unexpected unindent.",
    "type": "WARNING"
   }
  ]
 },
 {
  "name": "bullets",
  "input": "- a\n- b\n\n  * nested\n  * n2\n\n+ other\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "bullet": "-"
     },
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "a"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "list_item"
      },
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "b"
          }
         ],
         "type": "paragraph"
        },
        {
         "attributes": {
          "bullet": "*"
         },
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "type": "text",
               "value": "nested"
              }
             ],
             "type": "paragraph"
            }
           ],
           "type": "list_item"
          },
          {
           "children": [
            {
             "children": [
              {
               "type": "text",
               "value": "n2"
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
      }
     ],
     "type": "bullet_list"
    },
    {
     "attributes": {
      "bullet": "+"
     },
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "other"
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
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "citation",
  "input": "See [CIT2002]_.\n\n.. [CIT2002] A citation\n   with two lines.\n",
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
        "refname": "cit2002"
       },
       "children": [
        {
         "type": "text",
         "value": "CIT2002"
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
      "ids": [
       "cit2002"
      ],
      "names": [
       "cit2002"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "CIT2002"
        }
       ],
       "type": "label"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "A citation\nwith two lines."
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
  "name": "comments",
  "input": "..\n\n.. a comment\n   continued\n\n.. \n   indented comment\n\ntext\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "xml:space": "preserve"
     },
     "type": "comment"
    },
    {
     "attributes": {
      "xml:space": "preserve"
     },
     "children": [
      {
       "type": "text",
       "value": "a comment\ncontinued"
      }
     ],
     "type": "comment"
    },
    {
     "attributes": {
      "xml:space": "preserve"
     },
     "children": [
      {
       "type": "text",
       "value": "indented comment"
      }
     ],
     "type": "comment"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "text"
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
  "name": "definition-list",
  "input": "term\n  def\n\nterm2 : class1 : class2\n  def2\n\n    quote\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "term"
          }
         ],
         "type": "term"
        },
        {
         "children": [
          {
           "children": [
            {
             "type": "text",
             "value": "def"
            }
           ],
           "type": "paragraph"
          }
         ],
         "type": "definition"
        }
       ],
       "type": "definition_list_item"
      },
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "term2"
          }
         ],
         "type": "term"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "class1"
          }
         ],
         "type": "classifier"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "class2"
          }
         ],
         "type": "classifier"
        },
        {
         "children": [
          {
           "children": [
            {
             "type": "text",
             "value": "def2"
            }
           ],
           "type": "paragraph"
          },
          {
           "children": [
            {
             "children": [
              {
               "type": "text",
               "value": "quote"
              }
             ],
             "type": "paragraph"
            }
           ],
           "type": "block_quote"
          }
         ],
         "type": "definition"
        }
       ],
       "type": "definition_list_item"
      }
     ],
     "type": "definition_list"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "definition-literal-info",
  "input": "term::\n  def\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "term::"
          }
         ],
         "type": "term"
        },
        {
         "children": [
          {
           "attributes": {
            "level": 1,
            "type": "INFO"
           },
           "children": [
            {
             "children": [
              {
               "type": "text",
               "value": "Blank line missing before literal block (after the \"::\")? Interpreted as a definition list item."
              }
             ],
             "type": "paragraph"
            }
           ],
           "type": "system_message"
          },
          {
           "children": [
            {
             "type": "text",
             "value": "def"
            }
           ],
           "type": "paragraph"
          }
         ],
         "type": "definition"
        }
       ],
       "type": "definition_list_item"
      }
     ],
     "type": "definition_list"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 1,
    "line": 2,
    "phase": "parse",
    "text": "Blank line missing before literal block (after the \"::\")? Interpreted as a definition list item.",
    "type": "INFO"
   }
  ]
 },
 {
  "name": "directive-errors",
  "input": ".. image::\n\n.. note::\n\n.. topic:: A\n   :bogus: x\n\n   body\n\n.. rubric:: a\n\n   no content allowed\n",
  "tree": {
   "children": [
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
         "value": "Error in \"image\" directive:\n1 argument(s) required, 0 supplied."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. image::\n"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
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
         "value": "Content block expected for the \"note\" directive; none found."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. note::\n"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
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
         "value": "Error in \"topic\" directive:\nunknown option: \"bogus\"."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. topic:: A\n   :bogus: x\n\n   body\n"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
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
         "value": "Error in \"rubric\" directive:\nno content permitted."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. rubric:: a\n\n   no content allowed"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 3,
    "line": 1,
    "phase": "parse",
    "text": "Error in \"image\" directive:\n1 argument(s) required, 0 supplied.",
    "type": "ERROR"
   },
   {
    "level": 3,
    "line": 3,
    "phase": "parse",
    "text": "Content block expected for the \"note\" directive; none found.",
    "type": "ERROR"
   },
   {
    "level": 3,
    "line": 5,
    "phase": "parse",
    "text": "Error in \"topic\" directive:\nunknown option: \"bogus\".",
    "type": "ERROR"
   },
   {
    "level": 3,
    "line": 10,
    "phase": "parse",
    "text": "Error in \"rubric\" directive:\nno content permitted.",
    "type": "ERROR"
   }
  ]
 },
 {
  "name": "directive-note",
  "input": ".. note:: This is a note.\n\n   Second para.\n\n.. warning::\n\n   W.\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "This is a note."
        }
       ],
       "type": "paragraph"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "Second para."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "note"
    },
    {
     "children": [
      {
       "attributes": {
        "enumtype": "upperalpha",
        "start": 23,
        "suffix": "."
       },
       "children": [
        {
         "type": "list_item"
        }
       ],
       "type": "enumerated_list"
      },
      {
       "attributes": {
        "level": 1,
        "type": "INFO"
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Enumerated list start value not ordinal-1: \"W\" (ordinal 23)"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "system_message"
      }
     ],
     "type": "warning"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 1,
    "line": 4,
    "phase": "parse",
    "text": "Enumerated list start value not ordinal-1: \"W\" (ordinal 23)",
    "type": "INFO"
   }
  ]
 },
 {
  "name": "directive-options",
  "input": ".. image:: pic.png\n   :alt: alt text\n   :width: 100px\n\n.. code-block:: c\n   :caption: cap\n\n   int x;\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "alt": "alt text",
      "uri": "pic.png",
      "width": "100px"
     },
     "type": "image"
    },
    {
     "attributes": {
      "arguments": [
       "c"
      ],
      "name": "code-block",
      "options": {
       "caption": "cap"
      }
     },
     "children": [
      {
       "type": "text",
       "value": "int x;"
      }
     ],
     "type": "code-block"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "directive-unknown",
  "input": ".. frobnicate:: arg\n   :opt: 1\n\n   content\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "level": 1,
      "type": "INFO"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "No directive entry for \"frobnicate\" in module \"docutils.parsers.rst.languages.en\".\nTrying \"frobnicate\" as canonical directive name."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "system_message"
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
         "value": "Unknown directive type \"frobnicate\"."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. frobnicate:: arg\n   :opt: 1\n\n   content"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 1,
    "line": 1,
    "phase": "parse",
    "text": "No directive entry for \"frobnicate\" in module \"docutils.parsers.rst.languages.en\".\nTrying \"frobnicate\" as canonical directive name.",
    "type": "INFO"
   },
   {
    "level": 3,
    "line": 1,
    "phase": "parse",
    "text": "Unknown directive type \"frobnicate\".",
    "type": "ERROR"
   }
  ]
 },
 {
  "name": "doctest",
  "input": ">>> print(1)\n1\n\ntext\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "xml:space": "preserve"
     },
     "children": [
      {
       "type": "text",
       "value": ">>> print(1)\n1"
      }
     ],
     "type": "doctest_block"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "text"
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
  "name": "duplicate-targets",
  "input": ".. _x: http://a\n.. _x: http://b\n\nSec\n===\n\nSec\n===\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "dupnames": [
       "x"
      ],
      "ids": [
       "x"
      ],
      "refuri": "http://a"
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
         "value": "Duplicate explicit target name: \"x\"."
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
       "x"
      ],
      "ids": [
       "id1"
      ],
      "refuri": "http://b"
     },
     "type": "target"
    },
    {
     "attributes": {
      "dupnames": [
       "sec"
      ],
      "ids": [
       "sec"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Sec"
        }
       ],
       "type": "title"
      }
     ],
     "type": "section"
    },
    {
     "attributes": {
      "dupnames": [
       "sec"
      ],
      "ids": [
       "id2"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Sec"
        }
       ],
       "type": "title"
      },
      {
       "attributes": {
        "backrefs": [
         "id2"
        ],
        "level": 1,
        "type": "INFO"
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Duplicate implicit target name: \"sec\"."
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "system_message"
      }
     ],
     "type": "section"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 2,
    "line": 2,
    "phase": "parse",
    "text": "Duplicate explicit target name: \"x\".",
    "type": "WARNING"
   },
   {
    "level": 1,
    "line": 8,
    "phase": "parse",
    "text": "Duplicate implicit target name: \"sec\".",
    "type": "INFO"
   }
  ]
 },
 {
  "name": "east-asian-title",
  "input": "中文标题\n========\n\n中文标题二\n=====\n\nx\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "ids": [
       "id1"
      ],
      "names": [
       "中文标题"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "中文标题"
        }
       ],
       "type": "title"
      }
     ],
     "type": "section"
    },
    {
     "attributes": {
      "ids": [
       "id2"
      ],
      "names": [
       "中文标题二"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "中文标题二"
        }
       ],
       "type": "title"
      },
      {
       "attributes": {
        "level": 2,
        "type": "WARNING"
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Title underline too short."
          }
         ],
         "type": "paragraph"
        },
        {
         "attributes": {
          "xml:space": "preserve"
         },
         "children": [
          {
           "type": "text",
           "value": "中文标题二\n====="
          }
         ],
         "type": "literal_block"
        }
       ],
       "type": "system_message"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "x"
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
    "level": 2,
    "line": 5,
    "phase": "parse",
    "text": "Title underline too short.",
    "type": "WARNING"
   },
   {
    "level": 2,
    "line": 5,
    "phase": "parse",
    "text": "Title underline too short.",
    "type": "WARNING"
   }
  ]
 },
 {
  "name": "enumerated",
  "input": "1. one\n2. two\n\n(a) x\n(b) y\n\ni) r1\nii) r2\n\n#. auto\n#. auto2\n\n3. start\n4. four\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "enumtype": "arabic",
      "suffix": "."
     },
     "children": [
      {
       "children": [
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
       "type": "list_item"
      },
      {
       "children": [
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
       "type": "list_item"
      }
     ],
     "type": "enumerated_list"
    },
    {
     "attributes": {
      "enumtype": "loweralpha",
      "prefix": "(",
      "suffix": ")"
     },
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "x"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "list_item"
      },
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "y"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "list_item"
      }
     ],
     "type": "enumerated_list"
    },
    {
     "attributes": {
      "enumtype": "lowerroman",
      "suffix": ")"
     },
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "r1"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "list_item"
      },
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "r2"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "list_item"
      }
     ],
     "type": "enumerated_list"
    },
    {
     "attributes": {
      "enumtype": "arabic",
      "suffix": "."
     },
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "auto"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "list_item"
      },
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "auto2"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "list_item"
      }
     ],
     "type": "enumerated_list"
    },
    {
     "attributes": {
      "enumtype": "arabic",
      "start": 3,
      "suffix": "."
     },
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "start"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "list_item"
      },
      {
       "children": [
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
       "type": "list_item"
      }
     ],
     "type": "enumerated_list"
    },
    {
     "attributes": {
      "level": 1,
      "type": "INFO"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Enumerated list start value not ordinal-1: \"3\" (ordinal 3)"
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "system_message"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 1,
    "line": 13,
    "phase": "parse",
    "text": "Enumerated list start value not ordinal-1: \"3\" (ordinal 3)",
    "type": "INFO"
   }
  ]
 },
 {
  "name": "enumerated-not-list",
  "input": "1. item\ncontinued\n\nA. Einstein was\na genius.\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "1. item\ncontinued"
      }
     ],
     "type": "paragraph"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "A. Einstein was\na genius."
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
  "name": "explicit-unindent",
  "input": ".. comment\nnot indented\n",
  "tree": {
   "children": [
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
     "attributes": {
      "level": 2,
      "type": "WARNING"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Explicit markup ends without a blank line; unexpected unindent."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "system_message"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "not indented"
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
    "text": "Explicit markup ends without a blank line; unexpected unindent.",
    "type": "WARNING"
   }
  ]
 },
 {
  "name": "field-list",
  "input": ":Author: me\n:Version: 1\n  more\n:empty:\n\ntext\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Author"
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
             "value": "me"
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
           "value": "Version"
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
             "value": "1\nmore"
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
           "value": "empty"
          }
         ],
         "type": "field_name"
        },
        {
         "type": "field_body"
        }
       ],
       "type": "field"
      }
     ],
     "type": "field_list"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "text"
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
  "name": "footnotes",
  "input": "Ref [1]_ and [#]_ and [*]_ and [#lbl]_.\n\n.. [1] one\n.. [#] auto\n.. [*] sym\n.. [#lbl] labelled\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "Ref "
      },
      {
       "attributes": {
        "ids": [
         "id1"
        ],
        "refname": "1"
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
       "value": " and "
      },
      {
       "attributes": {
        "auto": 1,
        "ids": [
         "id2"
        ]
       },
       "type": "footnote_reference"
      },
      {
       "type": "text",
       "value": " and "
      },
      {
       "attributes": {
        "auto": "*",
        "ids": [
         "id3"
        ]
       },
       "type": "footnote_reference"
      },
      {
       "type": "text",
       "value": " and "
      },
      {
       "attributes": {
        "auto": 1,
        "ids": [
         "id4"
        ],
        "refname": "lbl"
       },
       "type": "footnote_reference"
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
      "ids": [
       "id5"
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
    },
    {
     "attributes": {
      "auto": 1,
      "ids": [
       "id6"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "auto"
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
      "ids": [
       "id7"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "sym"
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
      "ids": [
       "lbl"
      ],
      "names": [
       "lbl"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "labelled"
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
  "name": "grid-table",
  "input": "+---+---+\n| a | b |\n+===+===+\n| 1 | 2 |\n+---+---+\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "attributes": {
        "cols": 2
       },
       "children": [
        {
         "attributes": {
          "colwidth": 3
         },
         "type": "colspec"
        },
        {
         "attributes": {
          "colwidth": 3
         },
         "type": "colspec"
        },
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "a"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            },
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "b"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            }
           ],
           "type": "row"
          }
         ],
         "type": "thead"
        },
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "1"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            },
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "2"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            }
           ],
           "type": "row"
          }
         ],
         "type": "tbody"
        }
       ],
       "type": "tgroup"
      }
     ],
     "type": "table"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "incomplete-title",
  "input": "======\nTitle\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "level": 4,
      "type": "SEVERE"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Incomplete section title."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": "======\nTitle"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 4,
    "line": 1,
    "phase": "parse",
    "text": "Incomplete section title.",
    "type": "SEVERE"
   }
  ]
 },
 {
  "name": "invalid-title-or-transition",
  "input": "Para.\n\n------\n======\n\nx\n",
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
     "attributes": {
      "level": 3,
      "type": "ERROR"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Invalid section title or transition marker."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": "------\n======"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "x"
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
    "line": 3,
    "phase": "parse",
    "text": "Invalid section title or transition marker.",
    "type": "ERROR"
   }
  ]
 },
 {
  "name": "line-block",
  "input": "| line one\n|    indented\n| back\n|\n| after blank\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "line one"
        }
       ],
       "type": "line"
      },
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "indented"
          }
         ],
         "type": "line"
        }
       ],
       "type": "line_block"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "back"
        }
       ],
       "type": "line"
      },
      {
       "type": "line"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "after blank"
        }
       ],
       "type": "line"
      }
     ],
     "type": "line_block"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "literal-expected",
  "input": "Para::\n\nnot indented\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "Para:"
      }
     ],
     "type": "paragraph"
    },
    {
     "attributes": {
      "level": 2,
      "type": "WARNING"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Literal block expected; none found."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "system_message"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "not indented"
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
    "line": 3,
    "phase": "parse",
    "text": "Literal block expected; none found.",
    "type": "WARNING"
   }
  ]
 },
 {
  "name": "nested-lists",
  "input": "1. a\n\n   - b\n\n     c\n\n2. d\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "enumtype": "arabic",
      "suffix": "."
     },
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "a"
          }
         ],
         "type": "paragraph"
        },
        {
         "attributes": {
          "bullet": "-"
         },
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "type": "text",
               "value": "b"
              }
             ],
             "type": "paragraph"
            },
            {
             "children": [
              {
               "type": "text",
               "value": "c"
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
           "type": "text",
           "value": "d"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "list_item"
      }
     ],
     "type": "enumerated_list"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "only-sections",
  "input": "Title\n=====\n\n.. only:: html\n\n   Sub\n   ---\n\n   text\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "ids": [
       "title"
      ],
      "names": [
       "title"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Title"
        }
       ],
       "type": "title"
      },
      {
       "attributes": {
        "arguments": [
         "html"
        ],
        "name": "only"
       },
       "children": [
        {
         "attributes": {
          "ids": [
           "sub"
          ],
          "names": [
           "sub"
          ]
         },
         "children": [
          {
           "children": [
            {
             "type": "text",
             "value": "Sub"
            }
           ],
           "type": "title"
          },
          {
           "children": [
            {
             "type": "text",
             "value": "text"
            }
           ],
           "type": "paragraph"
          }
         ],
         "type": "section"
        }
       ],
       "type": "only"
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
  "name": "option-list",
  "input": "-a            all\n-b FILE       file\n--long=VAL    long\n/V            dos\n-c, --cc  both\n\n-not an option\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "type": "text",
               "value": "-a"
              }
             ],
             "type": "option_string"
            }
           ],
           "type": "option"
          }
         ],
         "type": "option_group"
        },
        {
         "children": [
          {
           "children": [
            {
             "type": "text",
             "value": "all"
            }
           ],
           "type": "paragraph"
          }
         ],
         "type": "description"
        }
       ],
       "type": "option_list_item"
      },
      {
       "children": [
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "type": "text",
               "value": "-b"
              }
             ],
             "type": "option_string"
            },
            {
             "attributes": {
              "delimiter": " "
             },
             "children": [
              {
               "type": "text",
               "value": "FILE"
              }
             ],
             "type": "option_argument"
            }
           ],
           "type": "option"
          }
         ],
         "type": "option_group"
        },
        {
         "children": [
          {
           "children": [
            {
             "type": "text",
             "value": "file"
            }
           ],
           "type": "paragraph"
          }
         ],
         "type": "description"
        }
       ],
       "type": "option_list_item"
      },
      {
       "children": [
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "type": "text",
               "value": "--long"
              }
             ],
             "type": "option_string"
            },
            {
             "attributes": {
              "delimiter": "="
             },
             "children": [
              {
               "type": "text",
               "value": "VAL"
              }
             ],
             "type": "option_argument"
            }
           ],
           "type": "option"
          }
         ],
         "type": "option_group"
        },
        {
         "children": [
          {
           "children": [
            {
             "type": "text",
             "value": "long"
            }
           ],
           "type": "paragraph"
          }
         ],
         "type": "description"
        }
       ],
       "type": "option_list_item"
      },
      {
       "children": [
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "type": "text",
               "value": "/V"
              }
             ],
             "type": "option_string"
            }
           ],
           "type": "option"
          }
         ],
         "type": "option_group"
        },
        {
         "children": [
          {
           "children": [
            {
             "type": "text",
             "value": "dos"
            }
           ],
           "type": "paragraph"
          }
         ],
         "type": "description"
        }
       ],
       "type": "option_list_item"
      },
      {
       "children": [
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "type": "text",
               "value": "-c"
              }
             ],
             "type": "option_string"
            }
           ],
           "type": "option"
          },
          {
           "children": [
            {
             "children": [
              {
               "type": "text",
               "value": "--cc"
              }
             ],
             "type": "option_string"
            }
           ],
           "type": "option"
          }
         ],
         "type": "option_group"
        },
        {
         "children": [
          {
           "children": [
            {
             "type": "text",
             "value": "both"
            }
           ],
           "type": "paragraph"
          }
         ],
         "type": "description"
        }
       ],
       "type": "option_list_item"
      }
     ],
     "type": "option_list"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "-not an option"
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
  "name": "overline-mismatch",
  "input": "======\nTitle\n------\n\ntext\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "level": 4,
      "type": "SEVERE"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Title overline & underline mismatch."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": "======\nTitle\n------"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "text"
      }
     ],
     "type": "paragraph"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 4,
    "line": 1,
    "phase": "parse",
    "text": "Title overline & underline mismatch.",
    "type": "SEVERE"
   }
  ]
 },
 {
  "name": "overline-style-distinct",
  "input": "=====\nTitle\n=====\n\nSub\n=====\n\nx\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "ids": [
       "title"
      ],
      "names": [
       "title"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Title"
        }
       ],
       "type": "title"
      },
      {
       "attributes": {
        "ids": [
         "sub"
        ],
        "names": [
         "sub"
        ]
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Sub"
          }
         ],
         "type": "title"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "x"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "section"
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
  "name": "paragraph-literal",
  "input": "Para::\n\n    code\n    more\n\nPara2 ::\n\n  x\n\n::\n\n  y\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "Para:"
      }
     ],
     "type": "paragraph"
    },
    {
     "attributes": {
      "xml:space": "preserve"
     },
     "children": [
      {
       "type": "text",
       "value": "code\nmore"
      }
     ],
     "type": "literal_block"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "Para2"
      }
     ],
     "type": "paragraph"
    },
    {
     "attributes": {
      "xml:space": "preserve"
     },
     "children": [
      {
       "type": "text",
       "value": "x"
      }
     ],
     "type": "literal_block"
    },
    {
     "attributes": {
      "xml:space": "preserve"
     },
     "children": [
      {
       "type": "text",
       "value": "y"
      }
     ],
     "type": "literal_block"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "quoted-literal",
  "input": "Para::\n\n> quoted\n> more\n\nafter\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "Para:"
      }
     ],
     "type": "paragraph"
    },
    {
     "attributes": {
      "xml:space": "preserve"
     },
     "children": [
      {
       "type": "text",
       "value": "> quoted\n> more"
      }
     ],
     "type": "literal_block"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "after"
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
  "name": "roman-alpha",
  "input": "i. one\nii. two\n\nv. five\nw. x\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "enumtype": "lowerroman",
      "suffix": "."
     },
     "children": [
      {
       "children": [
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
       "type": "list_item"
      },
      {
       "children": [
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
       "type": "list_item"
      }
     ],
     "type": "enumerated_list"
    },
    {
     "attributes": {
      "enumtype": "loweralpha",
      "start": 22,
      "suffix": "."
     },
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "five"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "list_item"
      },
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "x"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "list_item"
      }
     ],
     "type": "enumerated_list"
    },
    {
     "attributes": {
      "level": 1,
      "type": "INFO"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Enumerated list start value not ordinal-1: \"v\" (ordinal 22)"
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "system_message"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 1,
    "line": 4,
    "phase": "parse",
    "text": "Enumerated list start value not ordinal-1: \"v\" (ordinal 22)",
    "type": "INFO"
   }
  ]
 },
 {
  "name": "section-levels",
  "input": "Title\n=====\n\nSub\n---\n\nSub2\n----\n\nText.\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "ids": [
       "title"
      ],
      "names": [
       "title"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Title"
        }
       ],
       "type": "title"
      },
      {
       "attributes": {
        "ids": [
         "sub"
        ],
        "names": [
         "sub"
        ]
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Sub"
          }
         ],
         "type": "title"
        }
       ],
       "type": "section"
      },
      {
       "attributes": {
        "ids": [
         "sub2"
        ],
        "names": [
         "sub2"
        ]
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Sub2"
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
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "short-overline",
  "input": "==\nTitle\n\ntext\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "level": 1,
      "type": "INFO"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Possible incomplete section title.\nTreating the overline as ordinary text because it's so short."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "system_message"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "==\nTitle"
      }
     ],
     "type": "paragraph"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "text"
      }
     ],
     "type": "paragraph"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 1,
    "line": 1,
    "phase": "parse",
    "text": "Possible incomplete section title.\nTreating the overline as ordinary text because it's so short.",
    "type": "INFO"
   }
  ]
 },
 {
  "name": "simple-table",
  "input": "=====  =====\ncol1   col2\n=====  =====\n1      2\n=====  =====\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "attributes": {
        "cols": 2
       },
       "children": [
        {
         "attributes": {
          "colwidth": 5
         },
         "type": "colspec"
        },
        {
         "attributes": {
          "colwidth": 5
         },
         "type": "colspec"
        },
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "col1"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            },
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "col2"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            }
           ],
           "type": "row"
          }
         ],
         "type": "thead"
        },
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "1"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            },
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "2"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            }
           ],
           "type": "row"
          }
         ],
         "type": "tbody"
        }
       ],
       "type": "tgroup"
      }
     ],
     "type": "table"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "substitution",
  "input": ".. |name| replace:: text\n.. |empty|\n\n.. |x| bogus text\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "names": [
       "name"
      ]
     },
     "children": [
      {
       "type": "text",
       "value": "text"
      }
     ],
     "type": "substitution_definition"
    },
    {
     "attributes": {
      "level": 2,
      "type": "WARNING"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Substitution definition \"empty\" missing contents."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. |empty|\n"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    },
    {
     "attributes": {
      "level": 2,
      "type": "WARNING"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Substitution definition \"x\" empty or invalid."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. |x| bogus text"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 2,
    "line": 2,
    "phase": "parse",
    "text": "Substitution definition \"empty\" missing contents.",
    "type": "WARNING"
   },
   {
    "level": 2,
    "line": 4,
    "phase": "parse",
    "text": "Substitution definition \"x\" empty or invalid.",
    "type": "WARNING"
   }
  ]
 },
 {
  "name": "tabs",
  "input": "Para\n\n\tquoted with tab\n\n-\titem\n\t  more\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "Para"
      }
     ],
     "type": "paragraph"
    },
    {
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "quoted with tab"
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "block_quote"
    },
    {
     "attributes": {
      "bullet": "-"
     },
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "type": "text",
               "value": "item"
              }
             ],
             "type": "term"
            },
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "more"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "definition"
            }
           ],
           "type": "definition_list_item"
          }
         ],
         "type": "definition_list"
        }
       ],
       "type": "list_item"
      }
     ],
     "type": "bullet_list"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "targets",
  "input": ".. _a:\n.. _b: http://example.com\n.. _c: a_\n.. __: http://anon\n__ http://anon2\n\n.. _`phrase target`: http://x\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "ids": [
       "a"
      ],
      "names": [
       "a"
      ]
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
      "refuri": "http://example.com"
     },
     "type": "target"
    },
    {
     "attributes": {
      "ids": [
       "c"
      ],
      "names": [
       "c"
      ],
      "refname": "a"
     },
     "type": "target"
    },
    {
     "attributes": {
      "anonymous": 1,
      "ids": [
       "id1"
      ],
      "refuri": "http://anon"
     },
     "type": "target"
    },
    {
     "attributes": {
      "anonymous": 1,
      "ids": [
       "id2"
      ],
      "refuri": "http://anon2"
     },
     "type": "target"
    },
    {
     "attributes": {
      "ids": [
       "phrase-target"
      ],
      "names": [
       "phrase target"
      ],
      "refuri": "http://x"
     },
     "type": "target"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 {
  "name": "title-level-inconsistent",
  "input": "A\n=\n\nB\n-\n\nC\n~\n\nD\n=\n\nE\n~\n",
  "tree": {
   "children": [
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
       "children": [
        {
         "type": "text",
         "value": "A"
        }
       ],
       "type": "title"
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
         "children": [
          {
           "type": "text",
           "value": "B"
          }
         ],
         "type": "title"
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
           "children": [
            {
             "type": "text",
             "value": "C"
            }
           ],
           "type": "title"
          }
         ],
         "type": "section"
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
       "d"
      ],
      "names": [
       "d"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "D"
        }
       ],
       "type": "title"
      },
      {
       "attributes": {
        "level": 4,
        "type": "SEVERE"
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Title level inconsistent:"
          }
         ],
         "type": "paragraph"
        },
        {
         "attributes": {
          "xml:space": "preserve"
         },
         "children": [
          {
           "type": "text",
           "value": "E\n~"
          }
         ],
         "type": "literal_block"
        }
       ],
       "type": "system_message"
      }
     ],
     "type": "section"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 4,
    "line": 13,
    "phase": "parse",
    "text": "Title level inconsistent:",
    "type": "SEVERE"
   }
  ]
 },
 {
  "name": "transition",
  "input": "Para.\n\n----------\n\nPara 2.\n",
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
     "children": [
      {
       "type": "text",
       "value": "Para 2."
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
  "name": "transition-short",
  "input": "Para.\n\n--\n\nPara 2.\n",
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
     "children": [
      {
       "type": "text",
       "value": "--"
      }
     ],
     "type": "paragraph"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "Para 2."
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
  "name": "underline-short-text",
  "input": "Title\n===\n\ntext\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "level": 1,
      "type": "INFO"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Possible title underline, too short for the title.\nTreating it as ordinary text because it's so short."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "system_message"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "Title\n==="
      }
     ],
     "type": "paragraph"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "text"
      }
     ],
     "type": "paragraph"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 1,
    "line": 2,
    "phase": "parse",
    "text": "Possible title underline, too short for the title.\nTreating it as ordinary text because it's so short.",
    "type": "INFO"
   }
  ]
 },
 {
  "name": "underline-too-short",
  "input": "A long title\n=====\n\ntext\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "ids": [
       "a-long-title"
      ],
      "names": [
       "a long title"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "A long title"
        }
       ],
       "type": "title"
      },
      {
       "attributes": {
        "level": 2,
        "type": "WARNING"
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Title underline too short."
          }
         ],
         "type": "paragraph"
        },
        {
         "attributes": {
          "xml:space": "preserve"
         },
         "children": [
          {
           "type": "text",
           "value": "A long title\n====="
          }
         ],
         "type": "literal_block"
        }
       ],
       "type": "system_message"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "text"
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
    "level": 2,
    "line": 2,
    "phase": "parse",
    "text": "Title underline too short.",
    "type": "WARNING"
   }
  ]
 },
 {
  "name": "unexpected-indentation",
  "input": "Line one\n  indented line\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Line one"
          }
         ],
         "type": "term"
        },
        {
         "children": [
          {
           "children": [
            {
             "type": "text",
             "value": "indented line"
            }
           ],
           "type": "paragraph"
          }
         ],
         "type": "definition"
        }
       ],
       "type": "definition_list_item"
      }
     ],
     "type": "definition_list"
    }
   ],
   "type": "document"
  },
  "messages": []
 }
];
